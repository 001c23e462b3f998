#include "content.h"

#include <gmime/gmime.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace staffetta::content {
namespace {

using namespace Qt::Literals::StringLiterals;

struct GObjectUnref
{
    void operator()(gpointer object) const { g_object_unref(object); }
};
template<typename T> using GPtr = std::unique_ptr<T, GObjectUnref>;

struct OptionsFree
{
    void operator()(GMimeParserOptions *options) const { g_mime_parser_options_free(options); }
};

// What GMime's parser reported while it parsed (from the parsing thread): what makes the
// message mean different things to different clients, and how many header fields it read.
struct Parse
{
    GMimeStream *stream = nullptr;
    bool ambiguous = false;
    QByteArray what;
    gint64 offset = -1;
    int headers = 0;
    qint64 headerBytes = 0;
    std::optional<Error> cut; // a header guard stopped the parse (the rest of the stream was cut)
};

void onHeader(GMimeParser *, const char *name, const char *value, gint64, gpointer data)
{
    auto *parse = static_cast<Parse *>(data);
    if (parse->cut)
        return;
    ++parse->headers;
    parse->headerBytes += qint64(std::strlen(name) + std::strlen(value));
    if (parse->headers > MaxHeaders)
        parse->cut = Error(ErrorCode::MessageTooComplex,
                           u"the message has more than %1 header fields"_s.arg(MaxHeaders),
                           {{u"limit"_s, u"headers"_s}, {u"maximum"_s, MaxHeaders}});
    else if (parse->headerBytes > MaxHeaderBytes)
        parse->cut =
            Error(ErrorCode::MessageTooComplex,
                  u"the message's header fields are longer than %1 bytes"_s.arg(MaxHeaderBytes),
                  {{u"limit"_s, u"header_bytes"_s}, {u"maximum"_s, MaxHeaderBytes}});
    else
        return;
    // GMime has no way to stop a parse: end the stream where it is, so that the parser's
    // next read finds its end (what it has buffered, a few KB, is still parsed).
    g_mime_stream_set_bounds(parse->stream, parse->stream->bound_start,
                             g_mime_stream_tell(parse->stream));
}

void onWarning(gint64 offset, GMimeParserWarning code, const gchar *item, gpointer data)
{
    auto *w = static_cast<Parse *>(data);
    const QByteArray name(item ? item : "");
    // Two different Content-Type, Content-Disposition or Content-Transfer-Encoding headers in
    // one part (or in the message's own headers), or one parameter twice with two values
    // (boundary, filename, name): GMime picks one, another client may pick the other. Other
    // headers given twice (Subject, ...) say nothing about the attachments.
    const bool contentHeader =
        code == GMIME_CRIT_CONFLICTING_HEADER && name.toLower().startsWith("content-");
    if ((contentHeader || code == GMIME_CRIT_CONFLICTING_PARAMETER) && !w->ambiguous) {
        w->ambiguous = true;
        w->what = name;
        w->offset = offset;
    }
}

QString utf8(const char *text)
{
    return text ? QString::fromUtf8(text) : QString();
}

QByteArray mimeType(GMimeObject *object)
{
    GMimeContentType *type = g_mime_object_get_content_type(object);
    if (!type)
        return "application/octet-stream"_ba;
    char *text = g_mime_content_type_get_mime_type(type);
    const QByteArray result = QByteArray(text).toLower();
    g_free(text);
    return result;
}

bool isSignature(const QByteArray &type)
{
    return type == "application/pkcs7-signature" || type == "application/x-pkcs7-signature" ||
           type == "application/pgp-signature";
}

// The most a detached signature plausibly takes (encoded): an S/MIME signature with its
// certificate chain is a few KB, an OpenPGP one under 1 KB.
constexpr gint64 MaxSignatureBytes = 64 * 1024;

// The names clients give a detached signature: signature.asc (GnuPG, Enigmail, KMail, Apple
// Mail), OpenPGP_signature[.asc] (Thunderbird), smime.p7s (S/MIME clients), *.sig. None of
// these extensions is a program's.
bool isSignatureName(const char *name)
{
    const QString n = QString::fromUtf8(name);
    if (n.compare(u"OpenPGP_signature"_s, Qt::CaseInsensitive) == 0)
        return true;
    const QString extension = lastExtension(n).toLower();
    return extension == u"asc"_s || extension == u"sig"_s || extension == u"p7s"_s;
}

// The encoded size of a part's contents (0 without any); -1 when it cannot be told.
gint64 contentBytes(GMimeObject *object)
{
    GMimeDataWrapper *content =
        GMIME_IS_PART(object) ? g_mime_part_get_content(GMIME_PART(object)) : nullptr;
    GMimeStream *stream = content ? g_mime_data_wrapper_get_stream(content) : nullptr;
    return stream ? g_mime_stream_length(stream) : 0;
}

// A multipart/signed's signature part is how the message is signed, not a document, only
// when it looks like a signature: every name it gives is a signature's (or it has none) and
// it is a signature's size. An invoice.exe of 300 KB typed application/pgp-signature is not.
bool plausibleSignature(GMimeObject *part)
{
    const char *filename =
        GMIME_IS_PART(part) ? g_mime_part_get_filename(GMIME_PART(part)) : nullptr;
    const char *typeName = g_mime_object_get_content_type_parameter(part, "name");
    for (const char *name : {filename, typeName}) {
        if (name && !isSignatureName(name))
            return false;
    }
    const gint64 bytes = contentBytes(part);
    return bytes >= 0 && bytes <= MaxSignatureBytes;
}

// BinHex 4.0's header (EmbeddedFiles), decoded far enough to read the file name (RFC 1741:
// 6 bits a character of its own alphabet, then run-length encoding with 0x90 as the marker;
// the header starts with the name's length and the name).
class BinHexName
{
public:
    // One byte of the text; false once done (the name read, or not readable).
    bool feed(char c)
    {
        if (--m_budget < 0)
            m_done = true;
        if (m_done)
            return false;
        if (m_seeking) {
            if (c == ':' && m_lineStart)
                m_seeking = false;
            m_lineStart = c == '\n' || c == '\r';
            return true;
        }
        if (c == '\n' || c == '\r' || c == ' ' || c == '\t')
            return true;
        const int value = sextet(c);
        if (value < 0) { // the closing colon, or no BinHex
            m_done = true;
            return false;
        }
        m_bits = (m_bits << 6) | uint(value);
        m_count += 6;
        if (m_count >= 8) {
            m_count -= 8;
            decoded(uchar(m_bits >> m_count));
            m_bits &= (1u << m_count) - 1;
        }
        return !m_done;
    }
    // The name, once read.
    std::optional<QByteArray> name() const { return m_name; }

private:
    static int sextet(char c)
    {
        static const char Alphabet[] =
            "!\"#$%&'()*+,-012345689@ABCDEFGHIJKLMNPQRSTUVXYZ[`abcdefhijklmpqr";
        const char *at = c ? std::strchr(Alphabet, c) : nullptr;
        return at ? int(at - Alphabet) : -1;
    }
    void decoded(uchar b)
    {
        if (m_marker) {
            m_marker = false;
            if (b == 0) { // the marker's own byte
                put(0x90);
            } else if (m_previous < 0) { // a run of nothing
                m_done = true;
            } else { // the previous byte, b times in all
                for (int i = 1; i < b && !m_done; ++i)
                    put(uchar(m_previous));
            }
            return;
        }
        if (b == 0x90)
            m_marker = true;
        else
            put(b);
    }
    void put(uchar b)
    {
        m_previous = b;
        m_header.append(char(b));
        if (m_header.size() == 1 + qsizetype(uchar(m_header[0]))) {
            m_name = m_header.mid(1);
            m_done = true;
        }
    }

    int m_budget = 4096; // bytes looked at: the header is well within
    bool m_done = false;
    bool m_seeking = true; // for the colon that starts the data
    bool m_lineStart = false;
    uint m_bits = 0;
    int m_count = 0;
    bool m_marker = false;
    int m_previous = -1;
    QByteArray m_header;
    std::optional<QByteArray> m_name;
};

// Files carried in the text of a text part instead of as MIME parts, which mail clients still
// decode and offer as attachments: uuencode ("begin 644 name"), yEnc ("=ybegin ... name=name")
// and BinHex 4.0 ("(This file must be converted with BinHex 4.0)", the name inside its
// encoded header). GMime decodes uuencode and yEnc data (g_mime_encoding_uudecode_step,
// g_mime_ydecode_step) but gives no header line's file name, and has no BinHex; only the names
// count here: these few shapes are read by hand, one pass over the text, in bounded memory (a
// candidate line is kept up to MaxHeaderLine bytes; any other byte is looked at once).
//
// Lines end at LF. A lone CR also starts a line (Thunderbird's line reader ends lines there)
// and ends the name for clients that stop there or at a NUL: such a name counts both ways, cut
// there and whole. A header must start its line, in its exact shape, so prose that mentions
// "begin" passes:
// - uuencode: "begin" (or GNU's "begin-base64"), blanks, a mode of three or four digits,
//   blanks, the name (the rest of the line). Thunderbird reads three or four octal digits,
//   KMime any three digits; encoders write a file's mode (644, 0755). Fewer digits would take
//   prose for a file ("begin 10 minutes late"). "begin" is lower case, as every decoder wants.
// - yEnc: "=ybegin" and a blank (any case); the name is what follows the first "name=", to the
//   end of the line (yEnc puts it last; a name that starts later ends the same, with the same
//   last extension).
// - BinHex: a line that starts with "(This file must be converted with BinHex" (any case); the
//   name is the first field of the header that follows the first colon that starts a line.
// A file whose name cannot be read (no name, a header line longer than MaxHeaderLine, a BinHex
// header that does not decode) counts without one: refused under any allow-list.
class EmbeddedFiles
{
public:
    // Each file found, with its kind and names (one or two, or one empty: nameless); false
    // stops the scan.
    using Found = std::function<bool(const QByteArray &kind, const QStringList &names)>;
    explicit EmbeddedFiles(Found found)
        : m_found(std::move(found))
    {}

    // The text in order, in chunks of any size; false once stopped.
    bool feed(const char *p, size_t size)
    {
        const char *const end = p + size;
        if (m_binhex) // a BinHex header from an earlier chunk
            feedBinHex(p, end);
        while (p < end && !m_stopped) {
            if (m_inCandidate) {
                const auto *lf = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
                const char *const stop = lf ? lf : end;
                const qsizetype room = MaxHeaderLine - m_line.size();
                if (stop - p > room) {
                    // Too long for a header: judged as far as it was kept, the rest of the line
                    // skipped (a lone CR in it still starts a line).
                    m_line.append(p, room);
                    p += room;
                    endCandidate(false);
                    m_lineStart = false;
                } else if (!lf) {
                    m_line.append(p, stop - p);
                    return !m_stopped;
                } else {
                    m_line.append(p, stop - p);
                    p = lf + 1;
                    endCandidate(true);
                    m_lineStart = true;
                }
                if (m_binhexStarted && !m_stopped) { // what follows the line is its data
                    m_binhexStarted = false;
                    feedBinHex(p, end);
                }
                continue;
            }
            if (m_lineStart) {
                const char c = *p;
                if (c == 'b' || c == '=' || c == '(') { // "begin", "=ybegin", "(This file"
                    m_inCandidate = true;
                    m_line.clear();
                    continue;
                }
                if (c == '\n' || c == '\r') {
                    ++p;
                    continue;
                }
                m_lineStart = false;
            }
            const auto *lf = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
            const auto *cr =
                static_cast<const char *>(std::memchr(p, '\r', size_t((lf ? lf : end) - p)));
            const char *const next = cr ? cr : lf;
            if (!next)
                break;
            p = next + 1;
            m_lineStart = true;
        }
        return !m_stopped;
    }

    // The end of the text: a header on its last line without a line end counts too.
    bool finish()
    {
        if (m_inCandidate && !m_stopped)
            endCandidate(true);
        if (m_binhex && !m_stopped)
            endBinHex();
        return !m_stopped;
    }

private:
    static constexpr qsizetype MaxHeaderLine = 1024;

    void report(const QByteArray &kind, const std::optional<QByteArray> &name, bool latin1)
    {
        const auto text = [latin1](const QByteArray &b) {
            return latin1 ? QString::fromLatin1(b) : QString::fromUtf8(b);
        };
        QStringList names;
        if (!name) {
            names.append(QString());
        } else {
            qsizetype cut = name->size();
            for (qsizetype i = 0; i < name->size(); ++i) {
                if (name->at(i) == '\r' || name->at(i) == '\0') {
                    cut = i;
                    break;
                }
            }
            names.append(text(name->left(cut)));
            if (cut < name->size())
                names.append(text(*name));
        }
        if (!m_found(kind, names))
            m_stopped = true;
    }

    // The candidate line (to its LF, without the CR before it) is complete (`ended`) or was cut
    // at MaxHeaderLine. Each place a line starts in it (its start, and after each lone CR) is
    // judged.
    void endCandidate(bool ended)
    {
        m_inCandidate = false;
        QByteArrayView line(m_line);
        if (ended && line.endsWith('\r'))
            line.chop(1);
        for (qsizetype start = 0; !m_stopped;) {
            judge(line.sliced(start), ended);
            const qsizetype cr = line.indexOf('\r', start);
            if (cr < 0)
                break;
            start = cr + 1;
        }
    }

    static qsizetype skipBlanks(QByteArrayView s, qsizetype at)
    {
        while (at < s.size() && (s[at] == ' ' || s[at] == '\t'))
            ++at;
        return at;
    }

    static bool startsWithCaseless(QByteArrayView s, QByteArrayView prefix)
    {
        return s.size() >= prefix.size() && qstrnicmp(s.data(), prefix.data(), prefix.size()) == 0;
    }

    // `s`: from a line start to the end of what was kept of the line, `whole` unless the line
    // was cut at MaxHeaderLine (a name that runs to its end is unknown then).
    void judge(QByteArrayView s, bool whole)
    {
        const auto nameFrom = [&](qsizetype at) -> std::optional<QByteArray> {
            if (!whole)
                return std::nullopt;
            return s.sliced(at).toByteArray();
        };
        if (s.startsWith("begin")) {
            qsizetype at = 5;
            if (s.sliced(at).startsWith("-base64"))
                at += 7;
            const qsizetype mode = skipBlanks(s, at);
            qsizetype digits = mode;
            while (digits < s.size() && digits - mode < 5 && s[digits] >= '0' && s[digits] <= '9')
                ++digits;
            const qsizetype name = skipBlanks(s, digits);
            if (mode == at || digits - mode < 3 || digits - mode > 4 || name == digits)
                return;
            report("uuencode"_ba, nameFrom(name), false);
            return;
        }
        if (startsWithCaseless(s, "=ybegin") && s.size() > 7 && (s[7] == ' ' || s[7] == '\t')) {
            qsizetype at = -1;
            for (qsizetype i = 8; i + 5 <= s.size(); ++i) {
                if (startsWithCaseless(s.sliced(i), "name=")) {
                    at = i + 5;
                    break;
                }
            }
            report("yenc"_ba, at < 0 ? std::nullopt : nameFrom(at), false);
            return;
        }
        static constexpr QByteArrayView BinHex = "(This file must be converted with BinHex";
        if (startsWithCaseless(s, BinHex)) {
            // A second header before the first one's name: the first is judged as read so far.
            if (m_binhex)
                endBinHex();
            m_binhex.emplace();
            m_binhexStarted = true;
            // What follows on the line (after a lone CR, a line of its own), then its LF.
            const QByteArrayView rest = s.sliced(BinHex.size());
            for (char c : rest)
                if (!m_binhex->feed(c))
                    break;
            if (whole)
                m_binhex->feed('\n');
        }
    }

    // Bytes given to the decoder are scanned for lines all the same (BinHex's alphabet has
    // no blank: no header starts inside its data).
    void feedBinHex(const char *p, const char *end)
    {
        for (; p < end; ++p) {
            if (!m_binhex->feed(*p)) {
                endBinHex();
                return;
            }
        }
    }

    void endBinHex()
    {
        const std::optional<QByteArray> name = m_binhex->name();
        m_binhex.reset();
        report("binhex"_ba, name, true);
    }

    Found m_found;
    bool m_stopped = false;
    bool m_lineStart = true;
    bool m_inCandidate = false;
    QByteArray m_line; // the candidate line so far
    std::optional<BinHexName> m_binhex;
    bool m_binhexStarted = false; // by the line just ended: fed what follows it in this chunk
};

Error tooManyParts()
{
    return Error(ErrorCode::MessageTooComplex,
                 u"the message has more than %1 MIME parts"_s.arg(MaxParts),
                 {{u"limit"_s, u"parts"_s}, {u"maximum"_s, MaxParts}});
}

Error unreadablePart(const QString &path)
{
    return Error(ErrorCode::Internal, u"MIME part %1 could not be read to its end"_s.arg(path));
}

// UTF-16 and UTF-32 text: no header line is ASCII in it until it is converted.
bool isWideCharset(const char *charset)
{
    const QByteArray c = QByteArray(charset).toLower();
    for (const char *prefix :
         {"utf-16", "utf16", "utf-32", "utf32", "ucs-2", "ucs2", "ucs-4", "ucs4", "unicode"}) {
        if (c.startsWith(prefix))
            return true;
    }
    return false;
}

class Walk
{
public:
    // `always`: the part counts as an attachment even without a name.
    std::optional<Error> visit(GMimeObject *object, const QString &path, int depth,
                               bool always = false)
    {
        if (++m_parts > MaxParts)
            return tooManyParts();
        if (depth > MaxDepth)
            return Error(
                ErrorCode::MessageTooComplex,
                u"MIME part %1 is nested more than %2 levels deep"_s.arg(path).arg(MaxDepth),
                {{u"limit"_s, u"depth"_s}, {u"maximum"_s, MaxDepth}, {u"part"_s, path}});

        if (GMIME_IS_MULTIPART(object)) {
            auto *multipart = GMIME_MULTIPART(object);
            const int count = g_mime_multipart_get_count(multipart);
            for (int i = 0; i < count; ++i) {
                const QString number = QString::number(i + 1);
                const QString child = path.isEmpty() ? number : path + u'.' + number;
                GMimeObject *part = g_mime_multipart_get_part(multipart, i);
                // A signed message's signature (S/MIME smime.p7s, OpenPGP signature.asc) is how
                // the message is signed, not a document of its own: under an allow-list every
                // signed message would be refused. Only one that looks like a signature though
                // (plausibleSignature): any other is judged like any part, by its names, and
                // refused without one. The signed content is walked as usual.
                const bool signature = GMIME_IS_MULTIPART_SIGNED(object) &&
                                       i == GMIME_MULTIPART_SIGNED_SIGNATURE &&
                                       isSignature(mimeType(part));
                if (signature && plausibleSignature(part)) {
                    ++m_parts;
                    continue;
                }
                // Encrypted content (multipart/encrypted's second part) cannot be walked: what
                // the client shows once it decrypts it was never checked, so it counts, name or
                // not (by default encrypted.asc and nameless ones are refused; a relay whose
                // customers encrypt allows "asc" and so lets what is inside pass unchecked).
                const bool encrypted =
                    GMIME_IS_MULTIPART_ENCRYPTED(object) && i == GMIME_MULTIPART_ENCRYPTED_CONTENT;
                if (auto e = visit(part, child, depth + 1, signature || encrypted))
                    return e;
            }
            return std::nullopt;
        }
        if (GMIME_IS_MESSAGE_PART(object)) {
            // Its own name counts; a nameless one does not (its contents are walked).
            add(object, path, depth, false);
            GMimeMessage *message = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
            GMimeObject *root = message ? g_mime_message_get_mime_part(message) : nullptr;
            if (root)
                return visit(root, GMIME_IS_MULTIPART(root) ? path : path + u".1"_s, depth + 1);
            return std::nullopt;
        }
        // A leaf. A message GMime did not open (see content.h) counts even without a name, and
        // so does S/MIME's application/pkcs7-mime (smime.p7m: enveloped, i.e. encrypted, or
        // signed-data that wraps a whole MIME entity a client shows once it verifies it): the
        // walk cannot open either, and what is inside was never checked. By name it is a .p7m,
        // refused unless a relay allows "p7m".
        const QByteArray type = mimeType(object);
        const bool opaque = type == "message/partial" || type == "message/rfc822" ||
                            type == "message/rfc2822" || type == "message/global" ||
                            type == "message/news" || type == "application/pkcs7-mime" ||
                            type == "application/x-pkcs7-mime";
        add(object, path, depth, opaque || always);
        // Text is read for the files it may carry (EmbeddedFiles), and so is a part whose own
        // transfer encoding is uuencode: its begin line names the file it is.
        if (GMIME_IS_PART(object) &&
            (type.startsWith("text/") || g_mime_part_get_content_encoding(GMIME_PART(object)) ==
                                             GMIME_CONTENT_ENCODING_UUENCODE))
            return embedded(GMIME_PART(object), type, path, depth);
        return std::nullopt;
    }

    // The files carried in a text (EmbeddedFiles) as the part's attachments.
    std::optional<Error> embedded(GMimePart *part, const QByteArray &type, const QString &path,
                                  int depth)
    {
        GMimeDataWrapper *content = g_mime_part_get_content(part);
        GMimeStream *source = content ? g_mime_data_wrapper_get_stream(content) : nullptr;
        if (!source)
            return std::nullopt;
        // The text a client reads: transfer-decoded (base64, quoted-printable; uuencode is
        // left as it is: its begin line is the point), wide charsets converted to UTF-8.
        std::vector<GPtr<GMimeFilter>> filters;
        const GMimeContentEncoding encoding = g_mime_data_wrapper_get_encoding(content);
        if (encoding == GMIME_CONTENT_ENCODING_BASE64 ||
            encoding == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE)
            filters.emplace_back(g_mime_filter_basic_new(encoding, FALSE));
        const char *charset =
            g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset");
        if (charset && isWideCharset(charset)) {
            if (GMimeFilter *convert = g_mime_filter_charset_new(charset, "UTF-8"))
                filters.emplace_back(convert);
        }
        return scan(source, filters, type, path, depth);
    }

    // Reads `source` from its start through `filters` into EmbeddedFiles, each file found an
    // attachment of the part at `path` (and a part in the MaxParts count).
    std::optional<Error> scan(GMimeStream *source, const std::vector<GPtr<GMimeFilter>> &filters,
                              const QByteArray &type, const QString &path, int depth)
    {
        std::optional<Error> error;
        EmbeddedFiles files([&](const QByteArray &kind, const QStringList &names) {
            if (++m_parts > MaxParts) {
                error = tooManyParts();
                return false;
            }
            for (const QString &name : names)
                result.append({name, type, depth, path, kind});
            return true;
        });
        if (g_mime_stream_reset(source) != 0)
            return unreadablePart(path);
        // Filtered by hand rather than through a GMimeStreamFilter, whose read answers 0 both
        // at the end and when its filters held a whole chunk back. A bounded stream (a part's)
        // ends at its bound: GMime's file stream answers a read there with an error.
        QByteArray chunk(64 * 1024, Qt::Uninitialized);
        for (bool end = false; !end;) {
            ssize_t n = 0;
            if (source->bound_end == -1 || g_mime_stream_tell(source) < source->bound_end) {
                n = g_mime_stream_read(source, chunk.data(), size_t(chunk.size()));
                if (n < 0)
                    return unreadablePart(path);
            }
            end = n == 0;
            char *out = chunk.data();
            size_t length = size_t(n), prespace = 0;
            for (const auto &filter : filters) {
                if (end)
                    g_mime_filter_complete(filter.get(), out, length, prespace, &out, &length,
                                           &prespace);
                else
                    g_mime_filter_filter(filter.get(), out, length, prespace, &out, &length,
                                         &prespace);
            }
            if (!files.feed(out, length))
                return error;
        }
        if (!files.finish())
            return error;
        return std::nullopt;
    }

    QList<Attachment> result;

private:
    void add(GMimeObject *object, const QString &path, int depth, bool always)
    {
        GMimeContentDisposition *disposition = g_mime_object_get_content_disposition(object);
        // g_mime_part_get_filename: Content-Disposition's filename, else Content-Type's name;
        // a message/rfc822 part is no GMimePart, the same two parameters are read for it.
        const char *filename =
            GMIME_IS_PART(object) ? g_mime_part_get_filename(GMIME_PART(object))
            : disposition ? g_mime_content_disposition_get_parameter(disposition, "filename")
                          : nullptr;
        const char *typeName = g_mime_object_get_content_type_parameter(object, "name");
        if (!filename)
            filename = typeName;
        const bool attachment =
            disposition && g_mime_content_disposition_is_attachment(disposition);
        if (!filename && !attachment && !always)
            return;
        const QByteArray type = mimeType(object);
        const QString name = utf8(filename);
        result.append({name, type, depth, path});
        if (typeName && utf8(typeName) != name)
            result.append({utf8(typeName), type, depth, path});
    }

    int m_parts = 0;
};

Error tooManyDashLines()
{
    return Error(
        ErrorCode::MessageTooComplex,
        u"the message has more than %1 lines that begin with \"--\" (MIME boundaries)"_s.arg(
            MaxDashLines),
        {{u"limit"_s, u"boundary_lines"_s}, {u"maximum"_s, MaxDashLines}});
}

Result<QList<Attachment>> walk(GMimeStream *stream)
{
    init();
    Parse parse;
    parse.stream = stream;
    const std::unique_ptr<GMimeParserOptions, OptionsFree> options(g_mime_parser_options_new());
    g_mime_parser_options_set_warning_callback(options.get(), onWarning, &parse);

    const GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream));
    // Parts keep offsets into the stream instead of copies of their contents.
    g_mime_parser_set_persist_stream(parser.get(), TRUE);
    g_mime_parser_set_header_regex(parser.get(), "^", onHeader, &parse); // every header
    const GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), options.get()));
    if (parse.cut)
        return *parse.cut;
    GMimeObject *root = message ? g_mime_message_get_mime_part(message.get()) : nullptr;
    // GMime gives up on a text whose first line is no header (nothing else: after one header
    // it skips what is not one). The milter's spool starts with the headers Postfix parsed,
    // so that is a body without headers there: text, which may carry files all the same.
    if (!root) {
        Walk text;
        if (auto e = text.scan(stream, {}, "text/plain"_ba, u"1"_s, 0))
            return *e;
        return std::move(text.result);
    }
    // A parsed message was read to the end of the stream; a read error looks like that end
    // to the parser, and leaves the stream short of it.
    if (!g_mime_stream_eos(stream))
        return Error(ErrorCode::Internal, u"the message could not be read to its end"_s);
    if (parse.ambiguous)
        return Error(
            ErrorCode::MessageAmbiguous,
            u"the message's MIME headers are ambiguous: conflicting %1 at offset %2"_s
                .arg(QString::fromUtf8(parse.what))
                .arg(parse.offset),
            {{u"item"_s, QString::fromUtf8(parse.what)}, {u"offset"_s, qint64(parse.offset)}});
    Walk w;
    if (auto e = w.visit(root, GMIME_IS_MULTIPART(root) ? QString() : u"1"_s, 0))
        return *e;
    return std::move(w.result);
}

} // namespace

void BoundaryLines::feed(QByteArrayView chunk)
{
    const char *p = chunk.data();
    const char *const end = p + chunk.size();
    while (p < end) {
        if (m_column < 2) { // at the start of a line: "--"?
            if (*p == '-') {
                if (++m_column == 2)
                    ++m_count;
                ++p;
                continue;
            }
            if (*p == '\n') {
                m_column = 0;
                ++p;
                continue;
            }
            m_column = 2;
        }
        const void *newline = std::memchr(p, '\n', size_t(end - p));
        if (!newline)
            return;
        p = static_cast<const char *>(newline) + 1;
        m_column = 0;
    }
}

void init()
{
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

namespace {
Error unreadable()
{
    return Error(ErrorCode::Internal,
                 u"the message file cannot be read: %1"_s.arg(utf8(std::strerror(errno))));
}

// The spool's checks before GMime sees it: a regular file, whose offset is where its message
// starts (a descriptor that cannot be read must fail, never look like an empty message).
Result<off_t> messageStart(int fd)
{
    struct stat st
    {};
    if (fstat(fd, &st) != 0)
        return unreadable();
    if (!S_ISREG(st.st_mode))
        return Error(ErrorCode::Internal, u"the message is not in a regular file"_s);
    const off_t start = lseek(fd, 0, SEEK_CUR);
    if (start < 0)
        return unreadable();
    return start;
}

Result<QList<Attachment>> walkFile(int fd)
{
    init();
    const GPtr<GMimeStream> stream(g_mime_stream_fs_new(fd));
    g_mime_stream_fs_set_owner(GMIME_STREAM_FS(stream.get()), FALSE);
    return walk(stream.get());
}
} // namespace

Result<QList<Attachment>> attachments(int fd)
{
    const auto start = messageStart(fd);
    if (!start)
        return start.error();
    // The guard's pass over the file; a descriptor that cannot be read fails here, before it
    // could look like an empty message to the parser.
    BoundaryLines dashes;
    QByteArray chunk(64 * 1024, Qt::Uninitialized);
    for (off_t at = start.value(); !dashes.tooMany();) {
        const ssize_t n = pread(fd, chunk.data(), size_t(chunk.size()), at);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return unreadable();
        if (n == 0)
            break;
        dashes.feed(QByteArrayView(chunk.constData(), n));
        at += n;
    }
    if (dashes.tooMany())
        return tooManyDashLines();
    return walkFile(fd);
}

Result<QList<Attachment>> attachments(int fd, const BoundaryLines &counted)
{
    if (counted.tooMany())
        return tooManyDashLines();
    const auto start = messageStart(fd);
    if (!start)
        return start.error();
    // No pass over the file: one byte read tells a descriptor that cannot be read.
    char first = 0;
    ssize_t n = -1;
    do
        n = pread(fd, &first, 1, start.value());
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return unreadable();
    return walkFile(fd);
}

Result<QList<Attachment>> attachments(QByteArrayView message)
{
    BoundaryLines dashes;
    dashes.feed(message);
    if (dashes.tooMany())
        return tooManyDashLines();
    init();
    // GMime refuses a null buffer, which an empty view may have.
    const GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(
        message.isEmpty() ? "" : message.data(), size_t(message.size())));
    return walk(stream.get());
}

MessageBuffer::~MessageBuffer()
{
    clear();
}

void MessageBuffer::append(const char *data, qsizetype length)
{
    if (!m_array)
        m_array = g_byte_array_new();
    g_byte_array_append(m_array, reinterpret_cast<const guint8 *>(data), guint(length));
}

qsizetype MessageBuffer::size() const
{
    return m_array ? qsizetype(m_array->len) : 0;
}

QByteArrayView MessageBuffer::view() const
{
    return m_array ? QByteArrayView(m_array->data, qsizetype(m_array->len)) : QByteArrayView();
}

void MessageBuffer::clear()
{
    if (m_array)
        g_byte_array_free(m_array, TRUE);
    m_array = nullptr;
}

Result<QList<Attachment>> attachments(const MessageBuffer &message, const BoundaryLines &counted)
{
    if (counted.tooMany())
        return tooManyDashLines();
    if (!message.array())
        return attachments(QByteArrayView());
    init();
    // Not owned by the stream (nor by its substreams, which share the array): `message`
    // outlives the walk.
    const GPtr<GMimeStream> stream(g_mime_stream_mem_new());
    g_mime_stream_mem_set_byte_array(GMIME_STREAM_MEM(stream.get()), message.array());
    return walk(stream.get());
}

QString lastExtension(const QString &name)
{
    // Windows drops trailing dots and spaces from a file name (Win32 path normalisation), so
    // a client on Windows saves "x.exe. " as x.exe: compare what it would act on. Nothing
    // else is trimmed: any other odd ending leaves an extension that is not on the list.
    qsizetype end = name.size();
    while (end > 0 && (name[end - 1] == u'.' || name[end - 1] == u' '))
        --end;
    const QStringView trimmed = QStringView(name).first(end);
    const qsizetype dot = trimmed.lastIndexOf(u'.');
    return dot < 0 ? QString() : trimmed.sliced(dot + 1).toString();
}

std::optional<Attachment> firstForbidden(const QList<Attachment> &attachments,
                                         const QStringList &allowedExtensions)
{
    for (const Attachment &a : attachments) {
        const QString extension = lastExtension(a.name);
        if (extension.isEmpty() || !allowedExtensions.contains(extension, Qt::CaseInsensitive))
            return a;
    }
    return std::nullopt;
}

} // namespace staffetta::content
