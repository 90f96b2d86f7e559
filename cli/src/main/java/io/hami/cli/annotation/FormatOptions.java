package io.hami.cli.annotation;

import io.hami.cli.UserInputException;
import io.hami.model.vendor.Vendors;
import io.hami.model.wire.WireCodec;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --format} and {@code --vendor} options shared by decode and encode. */
final class FormatOptions {

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "One of: ${COMPLETION-CANDIDATES}.", completionCandidates = AnnotationFormats.Names.class)
    String format;

    @Option(names = "--vendor", paramLabel = "TYPE",
            description = "Device type whose annotation this is (default nvidia), e.g. nvidia, hygon, ascend-910b2, iluvatar-mr-v100.")
    String vendor;

    WireCodec<?> codec() throws UserInputException {
        var catalog = Vendors.defaults();
        var type = Optional.ofNullable(vendor).map(v -> catalog.byId(v));
        if (type.isPresent() && type.get().isEmpty()) {
            throw new UserInputException("--vendor: unknown device type \"" + vendor + "\" (known: " + catalog.ids() + ")");
        }
        return AnnotationFormats.codec(format, type.map(Optional::get));
    }
}
