#pragma once

#include <QLatin1StringView>
#include <QString>

#include <array>
#include <cstddef>
#include <optional>
#include <utility>

// An enum's stable names (API words, file keys) as one table per enum:
//   const std::array<std::pair<Op, QLatin1StringView>, 3> names{{{Op::Add, "add"_L1}, ...}};
// and these two look-ups, so no enum has its names twice (a switch one way, a map the other).
namespace staffetta {

template<typename E, std::size_t N>
QString nameOf(const std::array<std::pair<E, QLatin1StringView>, N> &table, E e)
{
    for (const auto &[value, name] : table) {
        if (value == e)
            return QString(name);
    }
    return {};
}

template<typename E, std::size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, QLatin1StringView>, N> &table,
                         const QString &name)
{
    for (const auto &[value, n] : table) {
        if (n == name)
            return value;
    }
    return std::nullopt;
}

} // namespace staffetta
