#include "content.h"

#include <gmime/gmime.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <mutex>

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

class Walk
{
public:
    std::optional<Error> visit(GMimeObject *object, const QString &path, int depth)
    {
        if (++m_parts > MaxParts)
            return Error(ErrorCode::MessageTooComplex,
                         u"the message has more than %1 MIME parts"_s.arg(MaxParts),
                         {{u"limit"_s, u"parts"_s}, {u"maximum"_s, MaxParts}});
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
                // signed message would be refused. The signed content is walked as usual.
                if (GMIME_IS_MULTIPART_SIGNED(object) && i == GMIME_MULTIPART_SIGNED_SIGNATURE &&
                    isSignature(mimeType(part))) {
                    ++m_parts;
                    continue;
                }
                if (auto e = visit(part, child, depth + 1))
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
        // A leaf. A message GMime did not open (see content.h) counts even without a name.
        const QByteArray type = mimeType(object);
        const bool opaque = type == "message/partial" || type == "message/rfc822" ||
                            type == "message/rfc2822" || type == "message/global" ||
                            type == "message/news";
        add(object, path, depth, opaque);
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
    // so that is a body without headers there: text, no attachments.
    if (!root)
        return QList<Attachment>{};
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
