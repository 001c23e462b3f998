#include "language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

namespace staffetta::ui {

using namespace Qt::Literals::StringLiterals;

LanguageManager::LanguageManager(QObject *parent)
    : QObject(parent)
{}

namespace {
QLocale &appliedLocale()
{
    static QLocale locale;
    return locale;
}
} // namespace

QLocale LanguageManager::locale()
{
    return appliedLocale();
}

QString LanguageManager::size(qint64 bytes)
{
    return locale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QStringList LanguageManager::available()
{
    return {u"en"_s, u"it"_s};
}

QString LanguageManager::apply(const QString &code)
{
    QString language = code;
    if (language.isEmpty() || !available().contains(language)) {
        language = u"en"_s;
        const QStringList wanted = QLocale::system().uiLanguages();
        for (const QString &ui : wanted) {
            const QString prefix = ui.section(u'-', 0, 0).toLower();
            if (available().contains(prefix)) {
                language = prefix;
                break;
            }
        }
    }
    QCoreApplication::removeTranslator(&m_app);
    QCoreApplication::removeTranslator(&m_qt);
    if (m_app.load(u":/i18n/staffetta_"_s + language))
        QCoreApplication::installTranslator(&m_app);
    // Qt's own strings (standard buttons) in the same language.
    if (m_qt.load(u"qtbase_"_s + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&m_qt);
    m_current = language;
    appliedLocale() = QLocale::system().name().section(u'_', 0, 0) == language ? QLocale::system()
                                                                               : QLocale(language);
    QLocale::setDefault(appliedLocale());
    return language;
}

} // namespace staffetta::ui
