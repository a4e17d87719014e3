package io.github.nn4j.torch7;

import io.github.nn4j.Data;

/**
 * A module whose input, or a criterion whose target, holds indices or class labels: Lua Torch
 * stores them 1-based, nn4j takes them 0-based. Whoever feeds a module or a criterion with data
 * read from a Lua file ({@code nn4j torch7 backward}, {@code nn4j torch7 criterion}, a test) passes
 * it through {@link T7Bridge#inputFromLua} or {@link T7Bridge#targetFromLua}, which call this.
 *
 * <p>Examples: {@code nn.LookupTable}'s index input, the index tensor of {@code nn.Index}, the
 * index column of {@code nn.SparseLinear}'s input, the class labels of
 * {@code nn.ClassNLLCriterion}, the class lists of {@code nn.MultiLabelMarginCriterion} (whose
 * terminating Lua 0 becomes Java's −1 under the same shift). Containers whose children see the
 * data delegate to them.
 */
public interface LuaIndexed {

    /**
     * Converts data as stored in a Lua file (1-based indices or labels) to what this module or
     * criterion takes in Java (0-based). The data passed in may be modified and returned.
     *
     * @param lua the input of a module, or the target of a criterion, as Lua gives it
     * @return the Java form
     */
    Data fromLua(Data lua);

    /**
     * A module's gradInput in the form Lua Torch returns it, where that form holds indices (e.g.
     * {@code nn.SparseLinear}'s gradInput lists 1-based feature numbers beside the gradients); the
     * default returns it as it is. Implementations return a copy and leave the module's buffer
     * untouched.
     *
     * @param gradInput the module's gradInput
     * @return the Lua form
     */
    default Data gradInputToLua(Data gradInput) {
        return gradInput;
    }
}
