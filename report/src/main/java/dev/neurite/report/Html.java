package dev.neurite.report;

/** Escaping of text for HTML element content and attribute values. */
final class Html {

    private Html() {
    }

    /** {@code s} with {@code & < > " '} replaced by character references; safe in content and quoted attributes. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // other control characters are not allowed in HTML text; tabs and line breaks are
                    if (ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r') {
                        out.append('\uFFFD');
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.toString();
    }
}
