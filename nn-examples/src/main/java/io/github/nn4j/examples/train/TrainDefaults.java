package io.github.nn4j.examples.train;

import java.util.Map;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Per-data-set defaults of the {@link TrainOptions}: picocli asks the provider of the
 * subcommand for each option's default, by its long name.
 */
abstract class TrainDefaults implements IDefaultValueProvider {

    private final Map<String, String> values;

    TrainDefaults(Map<String, String> values) {
        this.values = values;
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option) {
            return values.get(option.longestName());
        }
        return null;
    }
}
