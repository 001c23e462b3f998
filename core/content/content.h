#pragma once

// The MIME walk of the content milter: a message in, the attachments it carries out.
// Relay-only (GMime, GLib): never linked into the console.
//
// Why GMime and not a parser of our own: what counts is what the recipient's mail client will
// show and save, and a hand-written MIME parser gets the corners wrong (RFC 2231 continuations
// and charsets, RFC 2047 inside quoted parameters, broken boundaries, CRLF/LF mixes, 8-bit
// headers). GMime parses the way real clients do, has been fuzzed for years, bounds its own
// recursion, and can leave part contents on disk (a persistent stream keeps only offsets).
#include "common/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

struct _GByteArray; // GLib's GByteArray (MessageBuffer), not included here

namespace staffetta::content {

// Beyond these the message is refused as ErrorCode::MessageTooComplex ("message too
// complex"): no legitimate mail nests this deep or has this many parts, and a walk that gives
// up early must never let what it did not see pass.
inline constexpr int MaxDepth = 20;   // containers (multipart, message/rfc822) around a part
inline constexpr int MaxParts = 1000; // MIME entities: leaves and containers alike
// GMime builds the whole tree (headers, parts) before the walk can count it, and has no limit
// of its own: 25 MB of tiny parts cost it 3.8 GB, 25 MB of header lines 2 GB, 250 headers of
// 100 KB 75 MB (measured; within the bounds below, at most about 25 MB). So guards stop a
// message before or while GMime parses it, also as MessageTooComplex: the lines that begin
// with "--" (every part but the first needs one, its boundary; counted before parsing), and
// the header fields (every part's and every embedded message's, counted as GMime parses them)
// and their bytes. Each is far above what MaxParts legitimate parts need.
// The length of one header is left to Postfix: its MIME processor truncates every header, the
// message's and its parts', at header_size_limit (100 KB by default; Postfix's mime_state.c),
// unless disable_mime_input_processing is set. GMime needs about 32 bytes of memory per byte
// of one header (measured: 1 MB, 32 MB).
inline constexpr int MaxDashLines = 4 * MaxParts;
inline constexpr int MaxHeaders = 10 * MaxParts;
inline constexpr qint64 MaxHeaderBytes = 2 * 1024 * 1024;

struct Attachment
{
    QString name;           // decoded (RFC 2047, RFC 2231, charset → UTF-8); may be empty
    QByteArray contentType; // "type/subtype", lower case
    int depth = 0;          // containers around the part: 0 for a single-part message's body
    QString path;           // IMAP part number (RFC 3501 6.4.5): "1", "2.1", ...
    // A file carried in the text of the part at `path` (of `contentType`) rather than a MIME
    // part: "uuencode", "yenc" or "binhex"; empty for a part.
    QByteArray embedded = {};

    bool operator==(const Attachment &) const = default;
};

// GMime's global initialisation, once per process (std::call_once); attachments() calls it.
void init();

// Parses the message in `fd` from its current offset to its end, without reading part
// contents into memory: GMime keeps only their offsets (persistent stream), so the heap
// holds headers only. The file must be seekable (the milter's spool file); `fd` is not
// closed and its offset is left anywhere.
//
// What counts as an attachment: every leaf part with a file name (Content-Disposition
// `filename`, else Content-Type `name`) or with disposition `attachment` (the name may be empty
// then); a part whose Content-Type `name` differs from its `filename` is listed under both
// names, because clients disagree on which one they save. Parts inside message/rfc822 are
// walked, and the message/rfc822 part itself counts only if it has a name (its contents are
// checked anyway). A message/rfc822 GMime cannot open (transfer-encoded, which RFC 2046
// forbids, but some clients decode it) and message/partial (fragments a client reassembles)
// cannot be inspected here: they count as attachments, name or not, and so does content the
// walk cannot open because it is encrypted or signed inside PKCS #7 (application/pkcs7-mime,
// smime.p7m; multipart/encrypted's encrypted part). A multipart/signed's signature part does
// not count when it looks like one (nameless or named like a signature: signature.asc,
// smime.p7s, ...; at most 64 KiB); any other, whatever its type, counts like any part, even
// without a name. Unnamed inline parts (the body text, HTML, inline images without a name) do
// not count.
// Text parts (text/*, decoded from base64 or quoted-printable) and parts in uuencode transfer
// encoding are read for the files clients find in text: uuencode ("begin 644 name"), yEnc and
// BinHex; each counts as an attachment of its part, under its own name (`embedded` says which
// kind), and as one more part against MaxParts.
//
// Errors: MessageTooComplex (MaxDepth, MaxParts), MessageAmbiguous (a part with two different
// Content-* headers of one kind, or a parameter given twice with different values: clients
// would disagree on the structure or the name), Internal (the file could not be read to its
// end). A text GMime finds no MIME structure in is a message without attachments.
Result<QList<Attachment>> attachments(int fd);
// The guard on MaxDashLines: counts the lines that begin with "--" over the raw bytes of a
// message fed in chunks, in order (a resource guard, not a MIME parser). attachments(fd) makes
// this pass over the file itself; a caller that sees every byte as it is written (the milter's
// spool) counts them then and saves the pass.
class BoundaryLines
{
public:
    void feed(QByteArrayView chunk);
    bool tooMany() const { return m_count > MaxDashLines; }

private:
    int m_column = 0; // of the current line, up to 2 ("--" seen or another character)
    qint64 m_count = 0;
};
// The same walk over the message in `fd` from its current offset, whose bytes were all fed to
// `counted` (from that offset to the end, in order).
Result<QList<Attachment>> attachments(int fd, const BoundaryLines &counted);
// The same walk over a message in memory (tests, fuzzing).
Result<QList<Attachment>> attachments(QByteArrayView message);

// A message received into memory (the milter keeps messages up to a few MB there instead of
// spooling them: a write and a read of every byte through the file system less). GMime parses
// it where it is (a GLib byte array its memory stream reads without a copy).
class MessageBuffer
{
public:
    MessageBuffer() = default;
    ~MessageBuffer();
    MessageBuffer(const MessageBuffer &) = delete;
    MessageBuffer &operator=(const MessageBuffer &) = delete;

    void append(const char *data, qsizetype length);
    qsizetype size() const;
    QByteArrayView view() const;
    void clear();                                    // frees the memory
    ::_GByteArray *array() const { return m_array; } // for attachments()

private:
    ::_GByteArray *m_array = nullptr;
};
// The same walk over a message in `message`, whose bytes were all fed to `counted`.
Result<QList<Attachment>> attachments(const MessageBuffer &message, const BoundaryLines &counted);

// The extension a mail client's operating system would act on: the text after the last dot,
// once trailing dots and spaces are removed (Windows drops them: "x.exe." and "x.exe " are
// x.exe); empty when there is no dot.
QString lastExtension(const QString &name);

// The first attachment whose last extension is not in `allowedExtensions` (without the dot,
// compared case-insensitively): "fattura.pdf.exe" is an .exe, "x.PDF" is a pdf, and a name
// without an extension ("noext", "", "trailingdot.") is never allowed.
std::optional<Attachment> firstForbidden(const QList<Attachment> &attachments,
                                         const QStringList &allowedExtensions);

} // namespace staffetta::content
