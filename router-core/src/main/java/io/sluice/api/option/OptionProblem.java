package io.sluice.api.option;

/** One thing wrong in a config block: the option's path below the block, and what is wrong. */
public record OptionProblem(String path, String message) {}
