#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

namespace staffetta::ui {

// Runs `handler(result)` on `context`'s thread when `future` finishes, unless `context` is
// gone by then. Qt 6.4's QFuture::then(context, ...) asserts when the context object is
// destroyed before the future finishes (a window closed while a relay is still answering);
// a watcher owned by the context simply disappears with it. The result is moved out of the
// future (an rvalue: a 100k-row listing is not copied), so a handler may take it by value.
template<typename T, typename Handler>
void whenReady(QFuture<T> future, QObject *context, Handler handler)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, handler = std::move(handler)]() mutable {
                         watcher->deleteLater();
                         handler(watcher->future().takeResult());
                     });
    watcher->setFuture(std::move(future));
}

} // namespace staffetta::ui
