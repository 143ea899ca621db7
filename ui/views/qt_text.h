// Small text helpers shared by the views: std strings to QString, and an address rendered as
// rich text with the matched characters highlighted.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <QString>

#include "engine/format/format_info.h"

namespace vanikeys::ui {

QString qs(std::string_view text);
QString format_name(KeyFormat format);   // "didkey"
QString format_title(KeyFormat format);  // "did:key (secp256k1)"
// `address` as HTML: the fixed lead greyed, matched ranges bold on a highlight colour.
QString highlighted_address_html(const std::string& address, const std::vector<std::pair<int, int>>& matches,
                                 int lead_length);

} // namespace vanikeys::ui
