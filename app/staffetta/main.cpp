// staffetta: the desktop console. Composition root only: settings, keychain, language, window.
#include "language.h"
#include "main_window.h"
#include "secrets/secret_store.h"
#include "settings/profiles.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QSettings>
#include <QTabBar>
#include <QTimer>

#include <cstdio>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

using namespace Qt::Literals::StringLiterals;
using namespace staffetta;

namespace {

// Reads the KEY=value lines the lab relay writes (tests/lab/lab) into a profile.
std::optional<settings::RelayProfile> labProfile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    QMap<QString, QString> env;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        const qsizetype eq = line.indexOf(u'=');
        if (eq > 0)
            env.insert(line.left(eq), line.mid(eq + 1).remove(u'"'));
    }
    settings::RelayProfile p;
    // A stable id, so that running the demo twice updates one profile.
    p.id = QUuid::createUuidV5(QUuid(), env.value(u"LAB_DIR"_s));
    p.name = QCoreApplication::translate("main", "Lab relay");
    p.group = QCoreApplication::translate("main", "Lab");
    p.ssh.host = env.value(u"LAB_SMTP_HOST"_s, u"127.0.0.1"_s);
    p.ssh.port = quint16(env.value(u"LAB_SSH_PORT"_s).toUInt());
    p.ssh.user = env.value(u"LAB_SSH_USER"_s);
    p.ssh.auth = transport::SshAuth::KeyFile;
    p.ssh.keyFile = env.value(u"LAB_SSH_KEY"_s);
    p.ssh.knownHostsFile = env.value(u"LAB_SSH_KNOWN_HOSTS"_s);
    if (p.ssh.port == 0 || p.ssh.keyFile.isEmpty())
        return std::nullopt;
    return p;
}

// No core dumps: they could hold passwords read from the keychain (Linux, macOS: both Unix).
// On Windows a stated no-op: a crashed process leaves no core file there; Windows Error
// Reporting keeps a dump only where an administrator enabled LocalDumps.
void hardenProcess()
{
#ifdef Q_OS_UNIX
    struct rlimit none
    {
        0, 0
    };
    setrlimit(RLIMIT_CORE, &none);
#endif
}

} // namespace

int main(int argc, char *argv[])
{
    hardenProcess();
    // --version answers without a display (a server, a package test, a bug report over SSH):
    // QApplication would abort first, finding no platform to draw on.
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--version") == 0 || qstrcmp(argv[i], "-v") == 0) {
            std::printf("staffetta %s\n", STAFFETTA_VERSION);
            return 0;
        }
    }
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"Staffetta"_s);
    QCoreApplication::setApplicationName(u"staffetta"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(STAFFETTA_VERSION));
    // The desktop entry installed with the package (its icon, on Wayland too).
    QGuiApplication::setDesktopFileName(u"net.staffetta.Staffetta"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "Staffetta console"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption settingsOption(
        u"settings"_s,
        QCoreApplication::translate("main", "Use this settings file instead of the user's."),
        u"file"_s);
    const QCommandLineOption labOption(
        u"lab-env"_s,
        QCoreApplication::translate(
            "main", "Add the lab relay described by this lab.env and connect to it."),
        u"file"_s);
    const QCommandLineOption languageOption(
        u"language"_s, QCoreApplication::translate("main", "Language for this run (en, it)."),
        u"code"_s);
    const QCommandLineOption screenshotOption(
        u"screenshot"_s,
        QCoreApplication::translate(
            "main", "Save a picture of the window to this PNG file, print its tabs, and quit."),
        u"file"_s);
    parser.addOptions({settingsOption, labOption, languageOption, screenshotOption});
    parser.process(app);

    std::unique_ptr<QSettings> settings =
        parser.isSet(settingsOption)
            ? std::make_unique<QSettings>(parser.value(settingsOption), QSettings::IniFormat)
            : std::make_unique<QSettings>();

    ui::LanguageManager language;
    language.apply(parser.isSet(languageOption) ? parser.value(languageOption)
                                                : settings::Preferences(*settings).language());
    secrets::SecretStore secrets;
    ui::MainWindow window(*settings, secrets, language);

    if (parser.isSet(labOption)) {
        const auto profile = labProfile(parser.value(labOption));
        if (!profile) {
            qCritical("staffetta: %s is not a lab.env written by tests/lab/lab",
                      qPrintable(parser.value(labOption)));
            return 2;
        }
        window.saveProfile(*profile);
        window.connectRelay();
    }
    window.show();

    // For the package test and the documentation: the window as it first shows, in the
    // language asked for (the tabs' titles say which translations were loaded).
    if (parser.isSet(screenshotOption)) {
        QTimer::singleShot(1500, &window, [&window, file = parser.value(screenshotOption)] {
            const bool saved = window.grab().save(file, "PNG");
            QStringList tabs;
            for (const QTabBar *bar : window.findChildren<QTabBar *>())
                for (int i = 0; i < bar->count(); ++i)
                    tabs << bar->tabText(i);
            std::printf("%s\n", qPrintable(tabs.join(u" | "_s)));
            std::fflush(stdout);
            QCoreApplication::exit(saved ? 0 : 1);
        });
    }
    return app.exec();
}
