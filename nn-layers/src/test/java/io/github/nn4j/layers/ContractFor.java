package io.github.nn4j.layers;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.nn4j.Module;

/**
 * Declares which modules a {@link io.github.nn4j.testing.ModuleContractTest} subclass covers when
 * its name is not {@code <Module>Test} (see {@link ModuleCoverageTest}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface ContractFor {

    /**
     * The covered modules.
     *
     * @return the module classes
     */
    Class<? extends Module<?, ?>>[] value();
}
