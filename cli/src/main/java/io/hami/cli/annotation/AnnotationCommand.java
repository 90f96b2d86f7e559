package io.hami.cli.annotation;

import picocli.CommandLine.Command;

/** {@code hami annotation}: read and write HAMi's annotation and config formats. */
@Command(name = "annotation",
        description = "Decode a HAMi annotation value to canonical JSON, or encode JSON to the wire value.",
        mixinStandardHelpOptions = true,
        subcommands = {DecodeCommand.class, EncodeCommand.class})
public final class AnnotationCommand {
}
