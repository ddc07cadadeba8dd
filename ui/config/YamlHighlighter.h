// Colours for the YAML view.
#pragma once

#include <QSyntaxHighlighter>

namespace tb::ui {

/// Keys, comments, numbers, booleans and strings of the block-style YAML that configs use.
class YamlHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    explicit YamlHighlighter(QTextDocument* document);

protected:
    void highlightBlock(const QString& text) override;
};

} // namespace tb::ui
