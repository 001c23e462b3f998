#pragma once

#include <QLocale>
#include <QObject>
#include <QTranslator>

namespace staffetta::ui {

// The console's language: the system locale by default, or the user's choice from the menu.
// Installing a translator sends LanguageChange to every widget, which re-translates itself.
class LanguageManager : public QObject
{
    Q_OBJECT
public:
    explicit LanguageManager(QObject *parent = nullptr);

    // Language codes with a complete translation shipped in the resources.
    static QStringList available();
    // "" = follow the system locale. Returns the language actually applied.
    QString apply(const QString &code);
    QString current() const { return m_current; }
    // The number and date format of the applied language: the system's when it speaks it
    // (its territory kept), else the language's own (charts and their axes follow it).
    // It is also the default QLocale once applied, so every QLocale() of the console and
    // every widget's numbers follow the chosen language, whatever the system locale is.
    static QLocale locale();
    // A size in the units people read ("9,8 MB" in Italian): 1024-based, as mail programs
    // count attachments.
    static QString size(qint64 bytes);

private:
    QTranslator m_app;
    QTranslator m_qt;
    QString m_current;
};

} // namespace staffetta::ui
