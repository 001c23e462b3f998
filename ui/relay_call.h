#pragma once

#include "common/result.h"
#include "transport/transport.h"
#include "when_ready.h"

#include <QFuture>
#include <QObject>
#include <QPointer>

#include <utility>

namespace staffetta::ui {

// One kind of call an object makes to a relay (a listing, a detail, an action), after
// Nextcloud's AbstractNetworkJob: starting it again makes the previous result stale (it is
// dropped, its work canceled), it is busy until its result arrives, and cancel() or the
// owner's destruction cancels it. Results arrive on the owner's thread, as an rvalue.
class RelayCall : public QObject
{
    Q_OBJECT
public:
    explicit RelayCall(QObject *owner);
    ~RelayCall() override;

    bool isBusy() const { return bool(m_cancel); }
    // Cancels the running call (if any): its result will not be delivered.
    void cancel();

    // makeFuture(cancelToken) starts the work; handler(Result<T>&&) gets its result unless a
    // newer start() or cancel() came first. makeFuture may ignore the token (the verb cannot
    // be interrupted): the result is still dropped.
    template<typename MakeFuture, typename Handler>
    void start(MakeFuture makeFuture, Handler handler)
    {
        cancel();
        m_cancel = transport::makeCancelToken();
        const quint64 generation = m_generation;
        auto future = makeFuture(m_cancel);
        emit busyChanged(true);
        whenReady(std::move(future), this,
                  [this, generation, handler = std::move(handler)](auto &&result) mutable {
                      if (generation != m_generation)
                          return;
                      m_cancel.reset();
                      emit busyChanged(false);
                      handler(std::move(result));
                  });
    }

    // `f` wrapped for a question asked on the way (a dialog answering later): it runs only if no
    // start() or cancel() came in between and this call still exists.
    template<typename F> auto guard(F f)
    {
        return [self = QPointer<RelayCall>(this), generation = m_generation,
                f = std::move(f)](auto &&...args) mutable {
            if (self && generation == self->m_generation)
                f(std::forward<decltype(args)>(args)...);
        };
    }

signals:
    void busyChanged(bool busy);

private:
    transport::CancelToken m_cancel;
    quint64 m_generation = 0;
};

} // namespace staffetta::ui
