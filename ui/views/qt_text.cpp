#include "ui/views/qt_text.h"

namespace vanikeys::ui {

QString qs(std::string_view text) { return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())); }

QString format_name(KeyFormat format) { return qs(format_info(format).name); }

QString format_title(KeyFormat format) { return qs(format_info(format).title); }

QString highlighted_address_html(const std::string& address, const std::vector<std::pair<int, int>>& matches,
                                 int lead_length) {
    std::vector<bool> marked(address.size(), false);
    for (auto [s, e] : matches)
        for (int i = std::max(0, s); i < e && i < static_cast<int>(address.size()); ++i)
            marked[static_cast<std::size_t>(i)] = true;
    QString html = QStringLiteral("<span style=\"font-family: monospace;\">");
    bool in_mark = false;
    for (std::size_t i = 0; i < address.size(); ++i) {
        if (marked[i] != in_mark) {
            html += marked[i] ? QStringLiteral("<b style=\"background-color:#ffd54f; color:#000;\">")
                              : QStringLiteral("</b>");
            in_mark = marked[i];
        }
        const QString ch = QString(QLatin1Char(address[i])).toHtmlEscaped();
        if (static_cast<int>(i) < lead_length && !in_mark)
            html += QStringLiteral("<span style=\"color:#888;\">") + ch + QStringLiteral("</span>");
        else
            html += ch;
    }
    if (in_mark) html += QStringLiteral("</b>");
    html += QStringLiteral("</span>");
    return html;
}

} // namespace vanikeys::ui
