package io.github.nn4j.torch7;

import java.io.IOException;

/**
 * A {@code .t7} file that is well formed but cannot become (or come from) nn4j modules: an
 * unsupported Torch class, a missing or mistyped field. The message starts with where the problem
 * sits in the model, e.g. {@code modules[3]: nn.SpatialConvolution is not supported}.
 */
public final class T7ModuleException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String path;

    /**
     * Creates the exception.
     *
     * @param path where in the model, e.g. {@code modules[3]} ({@code ""} for the root)
     * @param message what is wrong
     * @param cause the underlying error, or {@code null}
     */
    public T7ModuleException(String path, String message, Throwable cause) {
        super(escape(path.isEmpty() ? message : path + ": " + message), cause);
        this.path = path;
    }

    /**
     * Where in the model the problem is.
     *
     * @return a path such as {@code modules[3]}, empty for the root object
     */
    public String path() {
        return path;
    }

    /** Control characters (from a mangled class name or key) printed as {@code \xNN}. */
    static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c < 0xa0);
            if (control && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                if (control) {
                    sb.append(String.format("\\x%02x", (int) c));
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }
}
