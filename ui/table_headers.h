#pragma once

#include <QHeaderView>
#include <QList>

#include <algorithm>

namespace staffetta::ui {

// No column header cut short, in either language: each section at least as wide as its header
// needs (Qt's size hint: the text, its margins and the sort indicator), and at least
// `widths[c]` where given (else the header's default). Called again after a language change.
inline void fitSectionsToHeaders(QHeaderView *header, const QList<int> &widths = {})
{
    for (int c = 0; c < header->count(); ++c)
        header->resizeSection(
            c, std::max(widths.value(c, header->defaultSectionSize()), header->sectionSizeHint(c)));
}

} // namespace staffetta::ui
