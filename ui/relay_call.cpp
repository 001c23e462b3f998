#include "relay_call.h"

namespace staffetta::ui {

RelayCall::RelayCall(QObject *owner)
    : QObject(owner)
{}

RelayCall::~RelayCall()
{
    if (m_cancel)
        m_cancel->store(true);
}

void RelayCall::cancel()
{
    ++m_generation; // a result on its way is now stale
    if (!m_cancel)
        return;
    m_cancel->store(true);
    m_cancel.reset();
    emit busyChanged(false);
}

} // namespace staffetta::ui
