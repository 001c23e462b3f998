// The content milter's MIME walk (core/content): messages built here, parsed by GMime, the
// attachments named the way a mail client would name them, and the allow-list check.
#include "content/content.h"

#include "test_support.h"

#include <QTemporaryFile>

#include <memory>

#include <fcntl.h>
#include <unistd.h>

using namespace staffetta;
using namespace staffetta::content;
using namespace Qt::Literals::StringLiterals;

QT_BEGIN_NAMESPACE
inline void PrintTo(const QList<Attachment> &list, std::ostream *os)
{
    for (const Attachment &a : list)
        *os << '[' << a.path.toStdString() << ' ' << a.contentType.toStdString() << " \""
            << a.name.toStdString() << "\" depth " << a.depth
            << (a.embedded.isEmpty() ? "" : " embedded ") << a.embedded.toStdString() << ']';
}
QT_END_NAMESPACE

namespace {

const QStringList Allowed{u"pdf"_s, u"txt"_s, u"gif"_s, u"jpg"_s, u"png"_s};

// A message as the milter receives it: CRLF line ends.
QByteArray crlf(QByteArray text)
{
    return text.replace("\n", "\r\n");
}

QByteArray header(const QByteArray &contentType)
{
    return "From: alice@lab.test\nTo: someone@example.com\nSubject: test\nMIME-Version: 1.0\n"
           "Content-Type: " +
           contentType + "\n";
}

// A multipart/`subtype` entity (headers and body) holding `parts` (each headers + body).
QByteArray multipart(const QByteArray &subtype, const QByteArray &boundary,
                     const QList<QByteArray> &parts)
{
    QByteArray out = "Content-Type: multipart/" + subtype + "; boundary=\"" + boundary + "\"\n\n";
    for (const QByteArray &p : parts)
        out += "--" + boundary + "\n" + p + "\n";
    return out + "--" + boundary + "--\n";
}

QByteArray message(const QByteArray &body)
{
    return crlf("From: alice@lab.test\nTo: someone@example.com\nSubject: test\n"
                "MIME-Version: 1.0\n" +
                body);
}

const QByteArray Text = "Content-Type: text/plain; charset=utf-8\n\nHello.\n";

QByteArray file(const QByteArray &contentType, const QByteArray &disposition)
{
    return "Content-Type: " + contentType + "\nContent-Transfer-Encoding: base64\n" +
           (disposition.isEmpty() ? QByteArray() : "Content-Disposition: " + disposition + "\n") +
           "\nSGVsbG8=\n";
}

QList<Attachment> parsed(const QByteArray &m)
{
    const auto r = attachments(QByteArrayView(m));
    EXPECT_TRUE(r.ok()) << r.error().message.toStdString();
    return r.ok() ? r.value() : QList<Attachment>{};
}

QString forbidden(const QByteArray &m)
{
    const auto f = firstForbidden(parsed(m), Allowed);
    return f ? f->name : u"(none)"_s;
}

} // namespace

TEST(Content, ZipRefusedNamingTheFile)
{
    const QByteArray m = message(multipart(
        "mixed", "b1", {Text, file("application/zip", "attachment; filename=\"esempio.zip\"")}));
    const QList<Attachment> expected{{u"esempio.zip"_s, "application/zip"_ba, 1, u"2"_s}};
    EXPECT_EQ(parsed(m), expected);
    EXPECT_EQ(forbidden(m), u"esempio.zip"_s);
}

TEST(Content, PdfPasses)
{
    const QByteArray m = message(multipart("mixed", "b1",
                                           {Text, file("application/pdf; name=\"fattura.pdf\"",
                                                       "attachment; filename=\"fattura.pdf\"")}));
    EXPECT_EQ(parsed(m).size(), 1);
    EXPECT_EQ(forbidden(m), u"(none)"_s);
}

TEST(Content, Rfc2231ContinuedNameEndingInExe)
{
    // filename*0*=charset''...; filename*1*=...; filename*2=...: percent-encoded ISO-8859-1,
    // continued over three parameters.
    const QByteArray m =
        message(multipart("mixed", "b1",
                          {Text, file("application/octet-stream",
                                      "attachment;\n filename*0*=iso-8859-1''fattura%20n%B0%201;\n"
                                      " filename*1*=.pdf;\n filename*2=\".exe\"")}));
    const QList<Attachment> a = parsed(m);
    ASSERT_EQ(a.size(), 1);
    EXPECT_EQ(a[0].name, u"fattura n\u00b0 1.pdf.exe"_s);
    EXPECT_EQ(forbidden(m), u"fattura n\u00b0 1.pdf.exe"_s);
}

TEST(Content, Rfc2047NameInContentType)
{
    // name="=?UTF-8?B?...?=" (not standard in a parameter, but what many clients send).
    const QByteArray pdf = "=?UTF-8?B?" + u"Prüfbericht.pdf"_s.toUtf8().toBase64() + "?=";
    const QByteArray exe = "=?UTF-8?B?" + u"Prüfbericht.pdf.exe"_s.toUtf8().toBase64() + "?=";
    const QByteArray passes = message(
        multipart("mixed", "b1", {Text, file("application/pdf; name=\"" + pdf + "\"", {})}));
    const QList<Attachment> a = parsed(passes);
    ASSERT_EQ(a.size(), 1);
    EXPECT_EQ(a[0].name, u"Prüfbericht.pdf"_s);
    EXPECT_EQ(forbidden(passes), u"(none)"_s);
    const QByteArray refused = message(multipart(
        "mixed", "b1", {Text, file("application/octet-stream; name=\"" + exe + "\"", {})}));
    EXPECT_EQ(forbidden(refused), u"Prüfbericht.pdf.exe"_s);
}

TEST(Content, LastExtensionCounts)
{
    const QByteArray m = message(
        multipart("mixed", "b1",
                  {Text, file("application/pdf", "attachment; filename=\"x.PDF\""),
                   file("application/octet-stream", "attachment; filename=\"x.PDF.exe\"")}));
    EXPECT_EQ(forbidden(m), u"x.PDF.exe"_s);
}

TEST(Content, ExeInsideForwardedMessage)
{
    const QByteArray inner =
        "From: bob@example.com\nSubject: fwd\nMIME-Version: 1.0\n" +
        multipart("mixed", "inner",
                  {Text, file("application/x-msdownload", "attachment; filename=\"setup.exe\"")});
    const QByteArray m =
        message(multipart("mixed", "outer", {Text, "Content-Type: message/rfc822\n\n" + inner}));
    const QList<Attachment> expected{{u"setup.exe"_s, "application/x-msdownload"_ba, 3, u"2.2"_s}};
    EXPECT_EQ(parsed(m), expected);
    EXPECT_EQ(forbidden(m), u"setup.exe"_s);
}

TEST(Content, ForwardedMessagesOwnNameCounts)
{
    const QByteArray inner = "From: bob@example.com\nSubject: fwd\n\nplain text\n";
    const QByteArray m =
        message(multipart("mixed", "outer",
                          {Text,
                           "Content-Type: message/rfc822\nContent-Disposition: attachment; "
                           "filename=\"fwd.eml\"\n\n" +
                               inner,
                           "Content-Type: message/rfc822\n\n" + inner}));
    // The named one counts; the nameless one only through its contents (none here).
    const QList<Attachment> expected{{u"fwd.eml"_s, "message/rfc822"_ba, 1, u"2"_s}};
    EXPECT_EQ(parsed(m), expected);
}

TEST(Content, EncodedForwardedMessageCannotBeInspectedAndCounts)
{
    // message/rfc822 in base64 (RFC 2046 forbids it; GMime does not open it, some clients
    // do): it counts as an attachment even without a name.
    const QByteArray inner = "Subject: x\nContent-Type: application/x-msdownload; name=a.exe\n"
                             "\nMZ\n";
    const QByteArray m = message(
        multipart("mixed", "outer",
                  {Text, "Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n" +
                             inner.toBase64() + "\n"}));
    const QList<Attachment> expected{{QString(), "message/rfc822"_ba, 1, u"2"_s}};
    EXPECT_EQ(parsed(m), expected);
    EXPECT_EQ(forbidden(m), QString());
}

TEST(Content, MixedInsideAlternative)
{
    const QByteArray html = "Content-Type: text/html; charset=utf-8\n\n<p>Hello.</p>\n";
    const QByteArray m = message(multipart(
        "alternative", "alt",
        {Text, multipart("mixed", "mix",
                         {html, file("application/zip", "attachment; filename=\"a.zip\"")})}));
    const QList<Attachment> expected{{u"a.zip"_s, "application/zip"_ba, 2, u"2.2"_s}};
    EXPECT_EQ(parsed(m), expected);
}

TEST(Content, NamelessAttachmentCounts)
{
    const QByteArray m =
        message(multipart("mixed", "b1", {Text, file("application/octet-stream", "attachment")}));
    const QList<Attachment> expected{{QString(), "application/octet-stream"_ba, 1, u"2"_s}};
    EXPECT_EQ(parsed(m), expected);
    EXPECT_EQ(forbidden(m), QString()); // refused: no extension is on the list
}

TEST(Content, DifferentNamesInTheTwoHeadersBothCount)
{
    const QByteArray m =
        message(multipart("mixed", "b1",
                          {Text, file("application/octet-stream; name=\"invoice.exe\"",
                                      "attachment; filename=\"invoice.pdf\"")}));
    const QList<Attachment> a = parsed(m);
    ASSERT_EQ(a.size(), 2);
    EXPECT_EQ(a[0].name, u"invoice.pdf"_s);
    EXPECT_EQ(a[1].name, u"invoice.exe"_s);
    EXPECT_EQ(forbidden(m), u"invoice.exe"_s);
}

TEST(Content, NoAttachments)
{
    EXPECT_TRUE(parsed(message(Text)).isEmpty());
    const QByteArray html = "Content-Type: text/html; charset=utf-8\n\n<p>Hello.</p>\n";
    const QByteArray inlineImage = "Content-Type: image/png\nContent-ID: <logo>\n"
                                   "Content-Transfer-Encoding: base64\n\niVBORw0K\n";
    EXPECT_TRUE(
        parsed(message(multipart("related", "rel",
                                 {multipart("alternative", "alt", {Text, html}), inlineImage})))
            .isEmpty());
    // No MIME at all, and not even headers: text without attachments, not an error.
    EXPECT_TRUE(parsed(crlf("From: a@b\nSubject: hi\n\nJust text.\n")).isEmpty());
    EXPECT_TRUE(parsed("just some text, no header at all\r\n"_ba).isEmpty());
    EXPECT_TRUE(parsed(QByteArray()).isEmpty());
}

TEST(Content, SinglePartMessageThatIsAFile)
{
    const QByteArray m = crlf(header("application/x-msdownload; name=\"tool.exe\"") +
                              "Content-Transfer-Encoding: base64\n\nTVo=\n");
    const QList<Attachment> expected{{u"tool.exe"_s, "application/x-msdownload"_ba, 0, u"1"_s}};
    EXPECT_EQ(parsed(m), expected);
}

namespace {

// `levels` multiparts, each inside the previous one, the innermost holding a text part.
QByteArray nested(int levels)
{
    QByteArray body = Text;
    for (int i = levels; i > 0; --i)
        body = multipart("mixed", "level" + QByteArray::number(i), {body});
    return message(body);
}

QByteArray withParts(int leaves)
{
    QList<QByteArray> parts;
    for (int i = 0; i < leaves; ++i)
        parts.append("Content-Type: text/plain\n\n" + QByteArray::number(i) + "\n");
    return message(multipart("mixed", "many", parts));
}

} // namespace

TEST(Content, DepthBombIsTooComplex)
{
    // MaxDepth multiparts: the text part is MaxDepth containers deep, still accepted.
    EXPECT_TRUE(attachments(QByteArrayView(nested(MaxDepth))).ok());
    const auto r = attachments(QByteArrayView(nested(MaxDepth + 1)));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::MessageTooComplex);
    EXPECT_EQ(r.error().details.value(u"limit"_s).toString(), u"depth"_s);
    EXPECT_EQ(r.error().name(), u"message_too_complex"_s); // stable: the milter logs it
    // Far deeper than GMime's own nesting limit (1024), where it stops opening parts.
    const auto deep = attachments(QByteArrayView(nested(3000)));
    ASSERT_FALSE(deep.ok());
    EXPECT_EQ(deep.error().code, ErrorCode::MessageTooComplex);
}

TEST(Content, ForwardedMessagesCountInTheDepth)
{
    QByteArray body = "Subject: in\n\ntext\n";
    for (int i = 0; i < MaxDepth + 1; ++i)
        body = "Subject: fwd\nContent-Type: message/rfc822\n\n" + body;
    const auto r = attachments(QByteArrayView(message("Content-Type: message/rfc822\n\n" + body)));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::MessageTooComplex);
}

TEST(Content, TooManyPartsIsTooComplex)
{
    // The multipart and its MaxParts - 1 leaves are MaxParts entities.
    EXPECT_TRUE(attachments(QByteArrayView(withParts(MaxParts - 1))).ok());
    for (int leaves : {MaxParts, 2000}) {
        const auto r = attachments(QByteArrayView(withParts(leaves)));
        ASSERT_FALSE(r.ok()) << leaves;
        EXPECT_EQ(r.error().code, ErrorCode::MessageTooComplex);
        EXPECT_EQ(r.error().details.value(u"limit"_s).toString(), u"parts"_s);
    }
}

TEST(Content, FloodsAreStoppedBeforeTheyCostMemory)
{
    // What GMime would build in full before the walk could count it (gigabytes for 25 MB):
    // headerless parts (one boundary line each), header fields, header bytes.
    const auto tooComplex = [](const QByteArray &m, const QString &limit) {
        const auto r = attachments(QByteArrayView(m));
        ASSERT_FALSE(r.ok()) << limit.toStdString();
        EXPECT_EQ(r.error().code, ErrorCode::MessageTooComplex);
        EXPECT_EQ(r.error().details.value(u"limit"_s).toString(), limit)
            << r.error().message.toStdString();
    };
    tooComplex(message("Content-Type: multipart/mixed; boundary=b\n\n" +
                       QByteArray("--b\n\n\n").repeated(MaxDashLines + 1) + "--b--\n"),
               u"boundary_lines"_s);
    tooComplex(message("Content-Type: multipart/mixed; boundary=b\n\n--b\n" +
                       QByteArray("X-A: b\n").repeated(MaxHeaders + 1) + "\ntext\n--b--\n"),
               u"headers"_s);
    const QByteArray longHeader = "X-A: b" + QByteArray("\n a").repeated(100 * 1024 / 3) + "\n";
    tooComplex(message("Content-Type: multipart/mixed; boundary=b\n\n--b\n" +
                       longHeader.repeated(int(MaxHeaderBytes / (100 * 1024)) + 1) +
                       "\ntext\n--b--\n"),
               u"header_bytes"_s);
    // Dashes that are no boundary count too (a guard over the raw text), but only at the
    // start of a line: a message just under the bound passes.
    EXPECT_TRUE(parsed(message(Text + QByteArray("-- \n").repeated(MaxDashLines - 1) +
                               QByteArray("x -- y\n").repeated(MaxDashLines)))
                    .isEmpty());
}

TEST(Content, ConflictingHeadersAreAmbiguous)
{
    // Two Content-Disposition headers naming two files: GMime keeps one, a client the other.
    const QByteArray twoHeaders =
        message(multipart("mixed", "b1",
                          {Text, "Content-Type: application/octet-stream\n"
                                 "Content-Disposition: attachment; filename=\"a.pdf\"\n"
                                 "Content-Disposition: attachment; filename=\"a.exe\"\n\nx\n"}));
    const QByteArray twoParameters =
        message(multipart("mixed", "b1",
                          {Text, file("application/octet-stream",
                                      "attachment; filename=\"a.pdf\"; filename=\"a.exe\"")}));
    // Two boundaries: which lines split the parts depends on the client.
    const QByteArray twoBoundaries =
        message("Content-Type: multipart/mixed; boundary=\"one\"; boundary=\"two\"\n\n--one\n" +
                Text + "--one--\n");
    for (const QByteArray &m : {twoHeaders, twoParameters, twoBoundaries}) {
        const auto r = attachments(QByteArrayView(m));
        ASSERT_FALSE(r.ok()) << m.toStdString();
        EXPECT_EQ(r.error().code, ErrorCode::MessageAmbiguous) << r.error().message.toStdString();
        EXPECT_EQ(r.error().name(), u"message_ambiguous"_s);
    }
    // The same header twice with the same value, or two Subjects, are not ambiguous.
    const QByteArray repeated = message(multipart(
        "mixed", "b1",
        {Text, "Content-Type: application/pdf\nContent-Disposition: attachment; filename=a.pdf\n"
               "Content-Disposition: attachment; filename=a.pdf\n\nx\n"}));
    EXPECT_EQ(parsed(repeated).size(), 1);
    EXPECT_TRUE(parsed(crlf("Subject: one\nSubject: two\n\ntext\n")).isEmpty());
}

namespace {

// The message in a temporary file, as the milter spools it, opened read-only.
struct Spooled
{
    explicit Spooled(const QByteArray &m)
    {
        EXPECT_TRUE(tmp.open());
        EXPECT_EQ(tmp.write(m), m.size());
        tmp.close();
        fd = ::open(QFile::encodeName(tmp.fileName()).constData(), O_RDONLY | O_CLOEXEC);
        EXPECT_GE(fd, 0);
    }
    ~Spooled() { ::close(fd); }
    QTemporaryFile tmp;
    int fd = -1;
};

} // namespace

TEST(Content, FromAFileTheSameWalk)
{
    const QByteArray inner =
        "Subject: fwd\nMIME-Version: 1.0\n" +
        multipart("mixed", "inner",
                  {Text, file("application/x-msdownload", "attachment; filename=\"setup.exe\"")});
    const QByteArray m =
        message(multipart("mixed", "outer",
                          {Text, file("application/pdf", "attachment; filename=a.pdf"),
                           "Content-Type: message/rfc822\n\n" + inner}));
    Spooled spool(m);
    const auto r = attachments(spool.fd);
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    EXPECT_EQ(r.value(), parsed(m));
    EXPECT_EQ(r.value().size(), 2);
    // The descriptor stays open: the milter owns it.
    EXPECT_EQ(fcntl(spool.fd, F_GETFD), FD_CLOEXEC);
}

TEST(Content, BoundaryLinesCountedWhileSpoolingGuardTheSameWay)
{
    // The milter counts the guard's lines as it writes its spool and hands the count over:
    // the walk then finds what the file's own pass would, a flood is refused the same way, and
    // a descriptor that cannot be read is still an error, never an empty message.
    const auto spooled = [](const QByteArray &m, BoundaryLines &counted) {
        auto tmp = std::make_unique<QTemporaryFile>();
        EXPECT_TRUE(tmp->open());
        for (qsizetype at = 0; at < m.size(); at += 65535) { // the milter's body chunks
            const QByteArray chunk = m.mid(at, 65535);
            counted.feed(chunk);
            tmp->write(chunk);
        }
        tmp->flush();
        tmp->seek(0);
        return tmp;
    };
    const QByteArray ok =
        message(multipart("mixed", "b1",
                          {Text, "Content-Type: application/zip\nContent-Disposition: attachment; "
                                 "filename=\"a.zip\"\n\nx\n"}));
    BoundaryLines okCount;
    const auto okFile = spooled(ok, okCount);
    const auto fromCount = attachments(int(okFile->handle()), okCount);
    ASSERT_TRUE(fromCount.ok()) << fromCount.error().message.toStdString();
    ::lseek(int(okFile->handle()), 0, SEEK_SET);
    EXPECT_EQ(fromCount.value(), attachments(int(okFile->handle())).value());
    ASSERT_EQ(fromCount.value().size(), 1);
    EXPECT_EQ(fromCount.value().front().name, u"a.zip"_s);

    const QByteArray flood =
        message("Content-Type: multipart/mixed; boundary=b\n\n" +
                QByteArray("--b\n\n\n").repeated(MaxDashLines + 1) + "--b--\n");
    BoundaryLines floodCount;
    const auto floodFile = spooled(flood, floodCount);
    EXPECT_TRUE(floodCount.tooMany());
    const auto refused = attachments(int(floodFile->handle()), floodCount);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::MessageTooComplex);
    EXPECT_EQ(refused.error().details.value(u"limit"_s).toString(), u"boundary_lines"_s);

    const int writeOnly = ::open(QFile::encodeName(okFile->fileName()).constData(), O_WRONLY);
    ASSERT_GE(writeOnly, 0);
    const auto unreadable = attachments(writeOnly, okCount);
    ::close(writeOnly);
    ASSERT_FALSE(unreadable.ok());
    EXPECT_EQ(unreadable.error().code, ErrorCode::Internal);
}

TEST(Content, UnreadableFileIsAnError)
{
    QTemporaryFile tmp;
    ASSERT_TRUE(tmp.open());
    tmp.write(message(Text));
    tmp.flush();
    // Written but not readable through this descriptor: every read fails (EBADF).
    const int writeOnly = ::open(QFile::encodeName(tmp.fileName()).constData(), O_WRONLY);
    ASSERT_GE(writeOnly, 0);
    const auto r = attachments(writeOnly);
    ::close(writeOnly);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Internal) << r.error().message.toStdString();

    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    const auto fromPipe = attachments(fds[0]); // not seekable: contents would go to memory
    ::close(fds[0]);
    ::close(fds[1]);
    ASSERT_FALSE(fromPipe.ok());
    EXPECT_EQ(fromPipe.error().code, ErrorCode::Internal);
    EXPECT_FALSE(attachments(-1).ok());
}

namespace {

// A line of /proc/self/status ("VmRSS", "VmHWM"), in KB.
long statusKb(const QByteArray &key)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith(key + ':'))
            return line.mid(key.size() + 1).trimmed().split(' ').value(0).toLong();
    return -1;
}

} // namespace

// The milter keeps messages of a few MB in memory: fed in the milter's body chunks, the walk
// over its buffer finds what the walk over the same bytes anywhere finds, holds no copy of
// them (the buffer is the only one: the peak grows by GMime's headers only), and the guard's
// count refuses a flood the same way.
TEST(Content, InMemoryTheSameWalkWithoutACopy)
{
    const QByteArray inner =
        "Subject: fwd\nMIME-Version: 1.0\n" +
        multipart("mixed", "inner",
                  {Text, file("application/x-msdownload", "attachment; filename=\"setup.exe\"")});
    QByteArray m =
        message(multipart("mixed", "outer",
                          {Text,
                           "Content-Type: application/pdf\nContent-Transfer-Encoding: base64\n"
                           "Content-Disposition: attachment; filename=a.pdf\n\n" +
                               (QByteArray(76, 'A') + "\n").repeated(70000),
                           "Content-Type: message/rfc822\n\n" + inner}));
    MessageBuffer buffer;
    BoundaryLines counted;
    for (qsizetype at = 0; at < m.size(); at += 65535) {
        const QByteArray chunk = m.mid(at, 65535);
        counted.feed(chunk);
        buffer.append(chunk.constData(), chunk.size());
    }
    ASSERT_EQ(buffer.size(), m.size());
    EXPECT_EQ(buffer.view(), QByteArrayView(m));
    m.clear(); // the buffer is all there is now

    init();
    QFile clear(u"/proc/self/clear_refs"_s);
    ASSERT_TRUE(clear.open(QIODevice::WriteOnly));
    ASSERT_EQ(clear.write("5"), 1);
    clear.close();
    const long before = statusKb("VmRSS");
    const auto r = attachments(buffer, counted);
    const long grewKb = statusKb("VmHWM") - before;
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    EXPECT_EQ(r.value(), parsed(QByteArray(buffer.view().data(), buffer.size())));
    ASSERT_EQ(r.value().size(), 2);
    EXPECT_EQ(r.value()[0].name, u"a.pdf"_s);
    EXPECT_EQ(r.value()[1].name, u"setup.exe"_s);
    EXPECT_LT(grewKb, 2 * 1024) << "a 5 MB message: the walk grew the peak by " << grewKb << " KB";

    const QByteArray flood =
        message("Content-Type: multipart/mixed; boundary=b\n\n" +
                QByteArray("--b\n\n\n").repeated(MaxDashLines + 1) + "--b--\n");
    MessageBuffer floodBuffer;
    BoundaryLines floodCount;
    floodCount.feed(flood);
    floodBuffer.append(flood.constData(), flood.size());
    const auto refused = attachments(floodBuffer, floodCount);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::MessageTooComplex);

    // Nothing received: no attachments (the milter tempfails such a message before asking).
    MessageBuffer empty;
    EXPECT_TRUE(attachments(empty, BoundaryLines()).value().isEmpty());
    buffer.clear();
    EXPECT_EQ(buffer.size(), 0);
}

TEST(Content, LargeMessageStaysOnDisk)
{
    // 25 MB: a text part and one attachment, in a file as the milter spools it. The walk's
    // cost is the peak resident memory above what the process had before it (the peak is
    // reset first: "5" to /proc/self/clear_refs).
    QTemporaryFile tmp;
    ASSERT_TRUE(tmp.open());
    tmp.write(crlf(header("multipart/mixed; boundary=\"big\"") + "\n--big\n" + Text +
                   "--big\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n"
                   "Content-Disposition: attachment; filename=\"big.pdf\"\n\n"));
    {
        const QByteArray line = QByteArray(76, 'A') + "\r\n";
        QByteArray block;
        for (int i = 0; i < 1000; ++i)
            block += line;
        while (tmp.size() < 25 * 1024 * 1024)
            ASSERT_EQ(tmp.write(block), block.size());
    }
    tmp.write("--big--\r\n");
    ASSERT_TRUE(tmp.flush());
    ASSERT_EQ(lseek(tmp.handle(), 0, SEEK_SET), 0);
    init();

    QFile clear(u"/proc/self/clear_refs"_s);
    ASSERT_TRUE(clear.open(QIODevice::WriteOnly));
    ASSERT_EQ(clear.write("5"), 1);
    clear.close();
    const long before = statusKb("VmRSS");
    ASSERT_GT(before, 0);
    const auto r = attachments(tmp.handle());
    const long grewKb = statusKb("VmHWM") - before;
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    ASSERT_EQ(r.value().size(), 1);
    EXPECT_EQ(r.value()[0].name, u"big.pdf"_s);
    std::cout << "25 MB message: the walk's peak resident memory grew by " << grewKb << " KB\n";
    EXPECT_LT(grewKb, 4 * 1024);
}

TEST(Content, LastExtension)
{
    const QList<std::pair<QString, QString>> cases{
        {u"fattura.pdf.exe"_s, u"exe"_s}, {u"x.PDF"_s, u"PDF"_s},         {u"noext"_s, QString()},
        {QString(), QString()},           {u"trailingdot."_s, QString()}, {u"x.exe."_s, u"exe"_s},
        {u"x.exe "_s, u"exe"_s},          {u"x.exe. . "_s, u"exe"_s},     {u".pdf"_s, u"pdf"_s},
        {u"a.tar.gz"_s, u"gz"_s},         {u"x.pdf\t"_s, u"pdf\t"_s},
    };
    for (const auto &[name, extension] : cases)
        EXPECT_EQ(lastExtension(name), extension) << name.toStdString();
}

TEST(Content, FirstForbidden)
{
    auto named = [](const QString &name) {
        return Attachment{name, "application/octet-stream"_ba, 1, u"2"_s};
    };
    const auto verdict = [&](const QString &name) {
        return !firstForbidden({named(u"ok.txt"_s), named(name)}, Allowed).has_value();
    };
    EXPECT_TRUE(verdict(u"x.PDF"_s));
    EXPECT_TRUE(verdict(u"x.pdf. "_s)); // Windows opens it as x.pdf
    EXPECT_FALSE(verdict(u"fattura.pdf.exe"_s));
    EXPECT_FALSE(verdict(u"x.exe."_s));
    EXPECT_FALSE(verdict(u"noext"_s));
    EXPECT_FALSE(verdict(QString()));
    EXPECT_FALSE(verdict(u"trailingdot."_s));
    EXPECT_FALSE(verdict(u"x.pdf\t"_s));
    const auto first = firstForbidden({named(u"a.zip"_s), named(u"b.exe"_s)}, Allowed);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->name, u"a.zip"_s);
    EXPECT_FALSE(firstForbidden({}, Allowed));
    EXPECT_TRUE(firstForbidden({named(u"a.pdf"_s)}, {}));
}

TEST(Content, ASignedMessagesSignatureIsNoAttachmentButWhatIsSignedIs)
{
    for (const QByteArray &type :
         {"application/pkcs7-signature"_ba, "application/pgp-signature"_ba}) {
        const QByteArray signedBody =
            multipart("mixed", "inner",
                      {Text, file("application/pdf", "attachment; filename=\"fattura.pdf\"")});
        const QByteArray m =
            message(multipart("signed; protocol=\"" + type + "\"; micalg=sha-256", "sig",
                              {signedBody, file(type + "; name=\"smime.p7s\"",
                                                "attachment; filename=\"smime.p7s\"")}));
        EXPECT_EQ(forbidden(m), u"(none)"_s) << type.constData();
        const QByteArray withExe = message(multipart(
            "signed; protocol=\"" + type + "\"; micalg=sha-256", "sig",
            {multipart("mixed", "inner",
                       {Text, file("application/octet-stream", "attachment; filename=\"x.exe\"")}),
             file(type, "attachment; filename=\"smime.p7s\"")}));
        EXPECT_EQ(forbidden(withExe), u"x.exe"_s) << type.constData();
    }
    // Outside a multipart/signed, a .p7s is an attachment like any other.
    const QByteArray loose = message(
        multipart("mixed", "b1",
                  {Text, file("application/pkcs7-signature", "attachment; filename=\"a.p7s\"")}));
    EXPECT_EQ(forbidden(loose), u"a.p7s"_s);
}

namespace {

// `data` uuencoded as uuencode(1) writes it: lines of 45 bytes, each led by its length.
QByteArray uuencoded(const QByteArray &data)
{
    const auto character = [](uint bits) {
        return char(bits ? 32 + bits : '`');
    };
    QByteArray out;
    for (qsizetype at = 0; at < data.size(); at += 45) {
        const QByteArray line = data.mid(at, 45);
        out += character(uint(line.size()));
        for (qsizetype i = 0; i < line.size(); i += 3) {
            const uint b0 = uchar(line[i]), b1 = i + 1 < line.size() ? uchar(line[i + 1]) : 0,
                       b2 = i + 2 < line.size() ? uchar(line[i + 2]) : 0;
            out += character(b0 >> 2);
            out += character(((b0 << 4) | (b1 >> 4)) & 63);
            out += character(((b1 << 2) | (b2 >> 6)) & 63);
            out += character(b2 & 63);
        }
        out += '\n';
    }
    return out + "`\nend\n";
}

const QByteArray Program = QByteArray("MZ\x90\x00\x03\x00\x00\x00", 8).repeated(20);

QByteArray uuencodedFile(const QByteArray &name, const QByteArray &mode = "644")
{
    return "begin " + mode + ' ' + name + '\n' + uuencoded(Program);
}

// yEnc (yenc.org, version 1.3): bytes + 42, NUL, LF, CR and '=' escaped.
QByteArray yencFile(const QByteArray &name)
{
    QByteArray out =
        "=ybegin line=128 size=" + QByteArray::number(Program.size()) + " name=" + name + '\n';
    for (char c : Program) {
        const char e = char(uchar(c) + 42);
        if (e == '\0' || e == '\n' || e == '\r' || e == '=')
            out += '=' + QByteArray(1, char(uchar(e) + 64));
        else
            out += e;
    }
    return out + "\n=yend size=" + QByteArray::number(Program.size()) + '\n';
}

// BinHex 4.0 (RFC 1741): the header (name, type, creator, flags, lengths, CRC) and the data
// fork, 6 bits a character between colons, 64 characters a line (no byte here needs the
// 0x90 run-length escape).
QByteArray binhexFile(const QByteArray &name)
{
    static const char Alphabet[] =
        "!\"#$%&'()*+,-012345689@ABCDEFGHIJKLMNPQRSTUVXYZ[`abcdefhijklmpqr";
    QByteArray bytes = char(name.size()) + name + QByteArray(1, '\0') + "APPLMSWD" +
                       QByteArray(2, '\0') + QByteArray("\0\0\0\x0a", 4) + QByteArray(4, '\0') +
                       QByteArray(2, '\x01') + "0123456789" + QByteArray(2, '\x01') +
                       QByteArray(2, '\x01');
    QByteArray encoded = ":";
    uint bits = 0;
    int count = 0;
    for (char c : bytes) {
        bits = (bits << 8) | uchar(c);
        count += 8;
        while (count >= 6) {
            count -= 6;
            encoded += Alphabet[(bits >> count) & 63];
        }
    }
    if (count > 0)
        encoded += Alphabet[(bits << (6 - count)) & 63];
    encoded += ':';
    QByteArray out = "(This file must be converted with BinHex 4.0)\n";
    for (qsizetype at = 0; at < encoded.size(); at += 64)
        out += encoded.mid(at, 64) + '\n';
    return out;
}

QByteArray textPart(const QByteArray &text, const QByteArray &type = "text/plain; charset=utf-8")
{
    return "Content-Type: " + type + "\n\n" + text;
}

QByteArray base64Part(const QByteArray &text, const QByteArray &type = "text/plain")
{
    QByteArray wrapped;
    const QByteArray b64 = text.toBase64();
    for (qsizetype at = 0; at < b64.size(); at += 76)
        wrapped += b64.mid(at, 76) + '\n';
    return "Content-Type: " + type + "; charset=utf-8\nContent-Transfer-Encoding: base64\n\n" +
           wrapped;
}

QStringList names(const QByteArray &m)
{
    QStringList out;
    for (const Attachment &a : parsed(m))
        out.append(a.name);
    return out;
}

const QByteArray Prose = "Buongiorno,\nin allegato il programma.\n\n";

} // namespace

// A file uuencoded in the text of a message (old clients' way of attaching, still decoded and
// offered as an attachment by mail clients) is judged by the name on its begin line, like an
// attachment: in a plain-text body, in a part of a multipart, in a forwarded message.
TEST(Content, AUuencodedFileInTheTextIsJudgedByItsName)
{
    const QByteArray body = Prose + uuencodedFile("evil.exe") + "\nSaluti\n";
    // The whole message is the text, with CRLF and with LF line ends.
    EXPECT_EQ(forbidden(crlf(header("text/plain") + '\n' + body)), u"evil.exe"_s);
    EXPECT_EQ(forbidden(header("text/plain") + '\n' + body), u"evil.exe"_s);
    // No MIME at all: what a client shows as the body; not even a header.
    EXPECT_EQ(forbidden(crlf("From: a@lab.test\nSubject: x\n\n" + body)), u"evil.exe"_s);
    EXPECT_EQ(forbidden(crlf(uuencodedFile("evil.exe"))), u"evil.exe"_s);
    const QByteArray inMultipart = message(multipart("mixed", "b1", {textPart(body)}));
    const QList<Attachment> expected{{u"evil.exe"_s, "text/plain"_ba, 1, u"1"_s, "uuencode"_ba}};
    EXPECT_EQ(parsed(inMultipart), expected);
    EXPECT_EQ(forbidden(inMultipart), u"evil.exe"_s);
    const QByteArray inner = "From: bob@example.com\nSubject: fwd\n\n" + body;
    EXPECT_EQ(forbidden(message(
                  multipart("mixed", "outer", {Text, "Content-Type: message/rfc822\n\n" + inner}))),
              u"evil.exe"_s);
}

TEST(Content, AUuencodedFileIsFoundWhereverItsBeginLineIs)
{
    const QByteArray file = uuencodedFile("evil.exe");
    // First thing in the part, last thing without a final line end, in an HTML part.
    EXPECT_EQ(forbidden(message(multipart("mixed", "b1", {textPart(file)}))), u"evil.exe"_s);
    EXPECT_EQ(forbidden(crlf(header("text/plain") + '\n' + Prose + "begin 644 evil.exe")),
              u"evil.exe"_s);
    EXPECT_EQ(forbidden(message(
                  multipart("alternative", "alt",
                            {Text, textPart("<html><body><pre>\n" + file + "</pre></body></html>\n",
                                            "text/html; charset=utf-8")}))),
              u"evil.exe"_s);
    // Encoded text parts are judged on their decoded text: base64 and quoted-printable (the
    // begin line split by a soft line break).
    EXPECT_EQ(forbidden(message(multipart("mixed", "b1", {base64Part(Prose + file)}))),
              u"evil.exe"_s);
    EXPECT_EQ(forbidden(message(multipart(
                  "mixed", "b1",
                  {"Content-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\n" +
                   Prose + "begin 644 ev=\nil.exe\n" + uuencoded(Program)}))),
              u"evil.exe"_s);
    // In UTF-16 text the begin line is no ASCII: judged once converted.
    const QString utf16Text = QString::fromLatin1(Prose + file);
    QByteArray utf16(reinterpret_cast<const char *>(utf16Text.utf16()), utf16Text.size() * 2);
    EXPECT_EQ(forbidden(message("Content-Type: text/plain; charset=utf-16le\n"
                                "Content-Transfer-Encoding: base64\n\n" +
                                utf16.toBase64() + "\n")),
              u"evil.exe"_s);
    // Its own transfer encoding (x-uuencode): the begin line names the file the part is.
    EXPECT_EQ(forbidden(message("Content-Type: text/plain\nContent-Transfer-Encoding: "
                                "x-uuencode\n\n" +
                                file)),
              u"evil.exe"_s);
    // Lone CRs end a line for some clients: a begin line after one counts.
    EXPECT_EQ(forbidden(message(textPart("see below\r" + file))), u"evil.exe"_s);
}

TEST(Content, AUuencodedNameIsReadTheWayClientsReadIt)
{
    const auto judged = [](const QByteArray &beginLine) {
        return forbidden(message(textPart(Prose + beginLine + '\n' + uuencoded(Program))));
    };
    // Odd modes, the GNU base64 variant, names with spaces, trailing dots and spaces (Windows
    // drops them), upper case.
    for (const QByteArray &mode : {"0644"_ba, "4755"_ba, "777"_ba, "000"_ba, "600"_ba})
        EXPECT_EQ(judged("begin " + mode + " evil.exe"), u"evil.exe"_s) << mode.constData();
    EXPECT_EQ(judged("begin-base64 644 evil.exe"), u"evil.exe"_s);
    EXPECT_EQ(judged("begin  644   my evil.exe"), u"my evil.exe"_s);
    EXPECT_EQ(judged("begin 644 evil.exe."), u"evil.exe."_s);
    EXPECT_EQ(judged("begin 644 evil.exe  "), u"evil.exe  "_s);
    EXPECT_EQ(judged("begin 644 EVIL.EXE"), u"EVIL.EXE"_s);
    EXPECT_EQ(judged("begin 644 report.pdf.exe"), u"report.pdf.exe"_s);
    EXPECT_EQ(judged("begin 644 noextension"), u"noextension"_s);
    EXPECT_EQ(judged("begin 644 "), QString()); // a file without a name: refused
    // A name a lone CR cuts in two: one client reads the part before it, another the whole
    // line; both count.
    EXPECT_EQ(judged("begin 644 a.exe\r.pdf"), u"a.exe"_s);
    EXPECT_EQ(judged("begin 644 a.pdf\r.exe"), u"a.pdf\r.exe"_s);
    // A name longer than any file system's: refused without one.
    EXPECT_EQ(judged("begin 644 " + QByteArray(5000, 'a') + ".pdf"), QString());
}

TEST(Content, YencAndBinHexFilesInTheTextAreJudgedByTheirNames)
{
    const QList<Attachment> expected{{u"evil.exe"_s, "text/plain"_ba, 0, u"1"_s, "yenc"_ba},
                                     {u"setup.exe"_s, "text/plain"_ba, 0, u"1"_s, "binhex"_ba}};
    EXPECT_EQ(parsed(message(textPart(Prose + yencFile("evil.exe") + binhexFile("setup.exe")))),
              expected);
    EXPECT_EQ(forbidden(message(textPart(Prose + yencFile("evil.exe")))), u"evil.exe"_s);
    EXPECT_EQ(forbidden(message(multipart("mixed", "b1", {base64Part(yencFile("evil.exe"))}))),
              u"evil.exe"_s);
    EXPECT_EQ(forbidden(message(textPart(Prose + yencFile("my evil.exe. ")))), u"my evil.exe. "_s);
    EXPECT_EQ(forbidden(message(textPart("=ybegin line=128 size=3\nabc\n=yend size=3\n"))),
              QString());
    EXPECT_EQ(forbidden(message(textPart(Prose + binhexFile("evil.exe")))), u"evil.exe"_s);
    EXPECT_EQ(forbidden(message(multipart("mixed", "b1", {base64Part(binhexFile("evil.exe"))}))),
              u"evil.exe"_s);
    // BinHex whose header cannot be read: a file without a name.
    EXPECT_EQ(
        forbidden(message(textPart("(This file must be converted with BinHex 4.0)\n:!!!!\n"))),
        QString());
}

TEST(Content, AllowedEmbeddedFilesAndProsePass)
{
    const QByteArray allowed = Prose + uuencodedFile("report.pdf") + yencFile("photo.JPG") +
                               binhexFile("notes.txt") + "Saluti\n";
    EXPECT_EQ(names(message(textPart(allowed))),
              (QStringList{u"report.pdf"_s, u"photo.JPG"_s, u"notes.txt"_s}));
    EXPECT_EQ(forbidden(message(textPart(allowed))), u"(none)"_s);
    // Prose that mentions the words is no file: not at the start of a line, not the header's
    // shape (a mode of three or four digits), or not the keyword's case.
    const QByteArray prose =
        "We begin 644 evil.exe in the middle of a line.\n"
        "begin the meeting at 10\nbegin 10 minutes late.exe\nbegin 644\nbeginning 644 x.exe\n"
        "Begin 644 evil.exe\n  begin 644 evil.exe\n> begin 644 evil.exe\n"
        "text =ybegin line=128 name=evil.exe\n"
        "see (This file must be converted with BinHex 4.0)\n";
    EXPECT_TRUE(names(message(textPart(prose))).isEmpty())
        << names(message(textPart(prose))).join(u", "_s).toStdString();
    EXPECT_TRUE(names(message(base64Part(prose))).isEmpty());
    // A non-text part's contents are no text (its name is what counts).
    EXPECT_EQ(
        forbidden(message(multipart("mixed", "b1",
                                    {Text, "Content-Type: application/pdf; name=\"a.pdf\"\n\n" +
                                               uuencodedFile("evil.exe")}))),
        u"(none)"_s);
}

TEST(Content, EmbeddedFilesAreBounded)
{
    // Thousands of begin lines: each file counts as a MIME part would.
    const auto many = attachments(
        QByteArrayView(message(textPart(QByteArray("begin 644 a.pdf\n").repeated(MaxParts)))));
    ASSERT_FALSE(many.ok());
    EXPECT_EQ(many.error().code, ErrorCode::MessageTooComplex);
    EXPECT_EQ(many.error().details.value(u"limit"_s).toString(), u"parts"_s);
    // A name hidden in the middle of a long line is no begin line; long lines cost no memory.
    const QByteArray longLine =
        QByteArray(4 << 20, 'x') + " begin 644 evil.exe " + QByteArray(4 << 20, 'y') + "\n";
    EXPECT_EQ(forbidden(message(textPart(longLine))), u"(none)"_s);
    EXPECT_EQ(forbidden(message(textPart(longLine + uuencodedFile("evil.exe")))), u"evil.exe"_s);
}

TEST(Content, EmbeddedFilesFromAFileTheSameWalk)
{
    const QByteArray m = message(multipart(
        "mixed", "b1",
        {base64Part(Prose + uuencodedFile("evil.exe")), textPart(yencFile("b.pdf")), Text}));
    Spooled spool(m);
    const auto r = attachments(spool.fd);
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    EXPECT_EQ(r.value(), parsed(m));
    ASSERT_EQ(r.value().size(), 2);
    EXPECT_EQ(r.value()[0].name, u"evil.exe"_s);
    EXPECT_EQ(r.value()[0].path, u"1"_s);
    EXPECT_EQ(r.value()[1].name, u"b.pdf"_s);
    EXPECT_EQ(r.value()[1].path, u"2"_s);
}

namespace {

QByteArray signedMessage(const QByteArray &protocol, const QByteArray &signature)
{
    return message(multipart("signed; protocol=\"" + protocol + "\"; micalg=sha-256", "sig",
                             {Text, signature}));
}

QByteArray signaturePart(const QByteArray &type, const QByteArray &parameters, qsizetype bytes)
{
    QByteArray body;
    const QByteArray line = QByteArray(76, 'A') + '\n';
    while (body.size() < bytes)
        body += line;
    return "Content-Type: " + type + parameters + "\nContent-Transfer-Encoding: base64\n\n" + body;
}

} // namespace

// A signed message's signature part passes as how the message is signed only when it looks
// like one: nameless or a signature's usual name, and a signature's size. Otherwise it is judged
// like any other part, by its name (a nameless one is refused).
TEST(Content, ASignaturePartNamedLikeAFileOrTooLargeIsJudgedLikeAnyPart)
{
    const QByteArray pgp = "application/pgp-signature", smime = "application/pkcs7-signature";
    const auto verdict = [](const QByteArray &protocol, const QByteArray &signature) {
        return forbidden(signedMessage(protocol, signature));
    };
    EXPECT_EQ(verdict(pgp, signaturePart(pgp, "; name=\"invoice.exe\"", 300 * 1024)),
              u"invoice.exe"_s);
    EXPECT_EQ(verdict(pgp, signaturePart(pgp,
                                         "\nContent-Disposition: attachment; "
                                         "filename=\"invoice.exe\"",
                                         1024)),
              u"invoice.exe"_s);
    EXPECT_EQ(verdict(smime, signaturePart(smime, "; name=\"invoice.exe\"", 1024)),
              u"invoice.exe"_s);
    // One name a signature's, the other not: both names count, as for any part.
    EXPECT_EQ(names(signedMessage(smime, signaturePart(smime,
                                                       "; name=\"invoice.exe\"\n"
                                                       "Content-Disposition: attachment; "
                                                       "filename=\"smime.p7s\"",
                                                       1024))),
              (QStringList{u"smime.p7s"_s, u"invoice.exe"_s}));
    // Allowed names are judged the same: an invoice.pdf "signature" passes as a pdf.
    EXPECT_EQ(verdict(pgp, signaturePart(pgp, "; name=\"invoice.pdf\"", 1024)), u"(none)"_s);
    // Too large for a signature: judged by its name, or refused without one.
    EXPECT_EQ(verdict(pgp, signaturePart(pgp, "; name=\"signature.asc\"", 300 * 1024)),
              u"signature.asc"_s);
    EXPECT_EQ(verdict(smime, signaturePart(smime, {}, 300 * 1024)), QString());
    // Real signatures pass: nameless or the usual names, of a signature's size.
    EXPECT_EQ(verdict(pgp, signaturePart(pgp, {}, 1024)), u"(none)"_s);
    EXPECT_EQ(verdict(pgp, signaturePart(pgp, "; name=\"signature.asc\"", 1024)), u"(none)"_s);
    EXPECT_EQ(verdict(pgp, signaturePart(pgp, "; name=\"OpenPGP_signature.asc\"", 1024)),
              u"(none)"_s);
    EXPECT_EQ(verdict(smime, signaturePart(smime, "; name=\"smime.p7s\"", 8 * 1024)), u"(none)"_s);
    EXPECT_EQ(verdict(smime, signaturePart("application/x-pkcs7-signature", "; name=\"SMIME.P7S\"",
                                           60 * 1024)),
              u"(none)"_s);
}

// What the walk cannot open (encrypted, or signed inside a PKCS #7 structure) counts as an
// attachment even without a name: a client shows what is inside once it decrypts or verifies
// it, and nothing inside was checked.
TEST(Content, EncryptedOrOpaqueContentCountsEvenWithoutAName)
{
    const QByteArray opaque = message("Content-Type: application/pkcs7-mime; "
                                      "smime-type=signed-data\nContent-Transfer-Encoding: "
                                      "base64\n\nMIIB\n");
    EXPECT_EQ(forbidden(opaque), QString());
    const QByteArray named = message("Content-Type: application/pkcs7-mime; "
                                     "smime-type=enveloped-data; name=\"smime.p7m\"\n"
                                     "Content-Transfer-Encoding: base64\n\nMIIB\n");
    EXPECT_EQ(forbidden(named), u"smime.p7m"_s);
    const QByteArray pgp = message(
        multipart("encrypted; protocol=\"application/pgp-encrypted\"", "enc",
                  {"Content-Type: application/pgp-encrypted\n\nVersion: 1\n",
                   "Content-Type: application/octet-stream\n\n-----BEGIN PGP MESSAGE-----\nhQ\n"
                   "-----END PGP MESSAGE-----\n"}));
    const QList<Attachment> found = parsed(pgp);
    ASSERT_EQ(found.size(), 1); // the encrypted content, not the version part
    EXPECT_EQ(found[0].path, u"2"_s);
    EXPECT_EQ(forbidden(pgp), QString());
}
