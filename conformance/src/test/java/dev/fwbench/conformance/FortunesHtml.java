package dev.fwbench.conformance;

/**
 * Normalises a fortunes page the way the TechEmpower verifier does, so that equivalent
 * spellings pass: whitespace between tags is dropped and the escapes templates choose
 * differently ({@code &#34;} / {@code &quot;}, {@code &#39;} / {@code &#x27;} / {@code &apos;})
 * are made one.
 */
final class FortunesHtml {
    private FortunesHtml() {
    }

    static String normalize(String html) {
        String s = html.replaceAll(">\\s+<", "><").trim();
        s = s.replace("&#34;", "&quot;").replace("&#x22;", "&quot;")
                .replace("&#39;", "&#x27;").replace("&apos;", "&#x27;")
                .replace("&#60;", "&lt;").replace("&#62;", "&gt;")
                .replace("&#x3C;", "&lt;").replace("&#x3E;", "&gt;")
                .replace("&#x3c;", "&lt;").replace("&#x3e;", "&gt;")
                .replace("&#61;", "=").replace("&#x3D;", "=").replace("&#x60;", "`").replace("&#96;", "`");
        return s.replaceFirst("(?i)^<!doctype html>", "<!DOCTYPE html>");
    }

    /** The canonical escape of a message, in the spelling {@link #normalize} produces. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#x27;");
    }

    static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#x27;", "'").replace("&amp;", "&");
    }
}
