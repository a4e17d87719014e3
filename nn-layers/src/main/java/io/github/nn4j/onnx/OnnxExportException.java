package io.github.nn4j.onnx;

import io.github.nn4j.Module;

/** A module, at a given path in the exported model, that has no ONNX form. */
public class OnnxExportException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The Torch path of the module ({@code modules[2].modules[1]}, or {@code root}). */
    private final String path;

    /**
     * @param module the module that cannot be exported
     * @param path its Torch path in the exported model
     * @param reason why
     */
    public OnnxExportException(Module<?, ?> module, String path, String reason) {
        super("ONNX export: " + module.torchTypeName() + " at " + path + " " + reason);
        this.path = path;
    }

    /**
     * The path of the module that failed.
     *
     * @return e.g. {@code modules[2].modules[1]}
     */
    public String path() {
        return path;
    }
}
