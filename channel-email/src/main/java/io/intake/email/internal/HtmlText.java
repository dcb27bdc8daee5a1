package io.intake.email.internal;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import java.util.Set;

/**
 * Readable plain text from HTML mail, with jsoup: paragraphs, line breaks, list items and table rows become lines,
 * links become {@code text (url)}, blockquotes become "> " lines (so quoted history is recognised like in plain
 * text), and scripts, styles and the head are dropped.
 */
public final class HtmlText {

    /** Elements that start and end on their own line. */
    private static final Set<String> BLOCKS = Set.of("div", "section", "article", "header", "footer", "main",
            "aside", "nav", "form", "dt", "dd", "tr", "thead", "tbody", "tfoot", "center", "fieldset", "li");
    /** Elements set off by a blank line. */
    private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl",
            "table", "blockquote", "pre", "address", "hr", "figure");
    private static final Set<String> SKIPPED = Set.of("head", "script", "style", "title", "template", "noscript");

    private HtmlText() {
    }

    public static String toText(String html) {
        Document doc = Jsoup.parse(html);
        Writer writer = new Writer();
        NodeTraversor.traverse(writer, doc.body() != null ? doc.body() : doc);
        return writer.result();
    }

    private static final class Writer implements NodeVisitor {
        private final StringBuilder out = new StringBuilder();
        private int quoteDepth;
        private int preDepth;
        private int skipDepth;
        private boolean pendingSpace;

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
                if (skipDepth == 0) {
                    appendText(preDepth > 0 ? text.getWholeText() : text.text(), preDepth > 0);
                }
                return;
            }
            if (!(node instanceof Element el)) {
                return;
            }
            String tag = el.normalName();
            if (SKIPPED.contains(tag)) {
                skipDepth++;
                return;
            }
            if (skipDepth > 0) {
                return;
            }
            switch (tag) {
                case "br" -> newline();
                case "blockquote" -> {
                    paragraphBreak();
                    quoteDepth++;
                }
                case "pre" -> {
                    paragraphBreak();
                    preDepth++;
                }
                case "li" -> {
                    blockBreak();
                    Element parent = el.parent();
                    appendRaw(parent != null && parent.normalName().equals("ol") ? (el.elementSiblingIndex() + 1) + ". " : "- ");
                }
                case "td", "th" -> {
                    if (el.elementSiblingIndex() > 0) {
                        appendRaw("\t");
                    }
                }
                case "img" -> {
                    String alt = el.attr("alt").strip();
                    if (!alt.isEmpty()) {
                        appendText("[" + alt + "]", false);
                    }
                }
                default -> {
                    if (PARAGRAPHS.contains(tag)) {
                        paragraphBreak();
                    } else if (BLOCKS.contains(tag)) {
                        blockBreak();
                    }
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (!(node instanceof Element el)) {
                return;
            }
            String tag = el.normalName();
            if (SKIPPED.contains(tag)) {
                skipDepth--;
                return;
            }
            if (skipDepth > 0) {
                return;
            }
            if (tag.equals("a")) {
                String href = el.attr("href").strip();
                String text = el.text().strip();
                if (isShownLink(href, text)) {
                    appendText(text.isEmpty() ? href : " (" + href + ")", false);
                }
            } else if (tag.equals("blockquote")) {
                quoteDepth--;
                paragraphBreak();
            } else if (tag.equals("pre")) {
                preDepth--;
                paragraphBreak();
            } else if (PARAGRAPHS.contains(tag)) {
                paragraphBreak();
            } else if (BLOCKS.contains(tag)) {
                blockBreak();
            }
        }

        private static boolean isShownLink(String href, String text) {
            if (href.isEmpty() || href.startsWith("#") || href.startsWith("cid:") || href.startsWith("javascript:")) {
                return false;
            }
            String bare = href.startsWith("mailto:") ? href.substring(7) : href;
            return !text.equals(href) && !text.equals(bare) && !text.equals(bare.replaceFirst("^https?://", ""));
        }

        private void appendText(String text, boolean verbatim) {
            if (text.isEmpty()) {
                return;
            }
            if (verbatim) {
                String[] lines = text.replace("\r", "").split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    if (i > 0) {
                        newline();
                    }
                    appendRaw(lines[i]);
                }
                return;
            }
            boolean leading = Character.isWhitespace(text.charAt(0));
            String stripped = text.strip();
            if (stripped.isEmpty()) {
                pendingSpace = true;
                return;
            }
            if ((leading || pendingSpace) && !atLineStart()) {
                appendRaw(" ");
            }
            appendRaw(stripped);
            pendingSpace = Character.isWhitespace(text.charAt(text.length() - 1));
        }

        private void appendRaw(String s) {
            if (atLineStart() && quoteDepth > 0) {
                out.append("> ".repeat(quoteDepth));
            }
            out.append(s);
        }

        private boolean atLineStart() {
            return out.length() == 0 || out.charAt(out.length() - 1) == '\n';
        }

        private void newline() {
            out.append('\n');
            pendingSpace = false;
        }

        private void blockBreak() {
            if (!atLineStart()) {
                newline();
            }
            pendingSpace = false;
        }

        private void paragraphBreak() {
            blockBreak();
            int n = out.length();
            if (n > 0 && !(n >= 2 && out.charAt(n - 2) == '\n')) {
                newline();
            }
        }

        String result() {
            return out.toString().replaceAll("\n{3,}", "\n\n").strip();
        }
    }
}
