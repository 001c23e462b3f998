#include "network_address.h"

#include <QHostAddress>

namespace staffetta {

using namespace Qt::Literals::StringLiterals;

Result<NetworkAddress> parseNetworkAddress(const QString &text)
{
    auto refuse = [&](const QString &why) {
        return Error(ErrorCode::BadRequest, u"'%1' %2"_s.arg(text.left(100), why),
                     {{u"address"_s, text.left(100)}});
    };
    if (text.isEmpty())
        return refuse(u"is empty: give an IP address or a network"_s);
    for (QChar c : text) {
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return refuse(u"contains whitespace or a control character"_s);
    }
    if (text.contains(u'%'))
        return refuse(u"has a scope id (%...): give the address without it"_s);
    // Only what an address or a CIDR network is made of, so nothing else can reach
    // fail2ban's configuration.
    for (QChar c : text) {
        if (!(c.isDigit() || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F') || c == u'.' ||
              c == u':' || c == u'/'))
            return refuse(u"is not an IP address or network (it contains '%1')"_s.arg(c));
    }
    NetworkAddress out;
    QHostAddress address;
    if (text.contains(u'/')) {
        const auto subnet = QHostAddress::parseSubnet(text);
        if (subnet.first.isNull() || subnet.second < 0)
            return refuse(u"is not an IP address or network"_s);
        address = subnet.first;
        out.prefixLength = subnet.second;
    } else {
        address = QHostAddress(text);
        if (address.isNull())
            return refuse(u"is not an IP address or network"_s);
        out.prefixLength = address.protocol() == QAbstractSocket::IPv6Protocol ? 128 : 32;
    }
    out.ipv6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    if (out.ipv6) {
        // ::ffff:a.b.c.d (QHostAddress::toIPv4Address also converts ::, so test the bytes).
        const Q_IPV6ADDR b = address.toIPv6Address();
        bool mapped = b[10] == 0xff && b[11] == 0xff;
        for (int i = 0; i < 10; ++i)
            mapped = mapped && b[i] == 0;
        if (mapped)
            return refuse(u"is an IPv4-mapped IPv6 address: give the IPv4 form"_s);
    }
    const int full = out.ipv6 ? 128 : 32;
    out.text = out.prefixLength == full
                   ? address.toString()
                   : address.toString() + u'/' + QString::number(out.prefixLength);
    return out;
}

} // namespace staffetta
