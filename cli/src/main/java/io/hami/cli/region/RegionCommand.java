package io.hami.cli.region;

import io.hami.bindings.region.InvalidRegionException;
import io.hami.cli.UserInputException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code hami region}: look into a HAMi-core shared region file, and set the two switches the monitor owns. */
@Command(name = "region",
        description = "Inspect a HAMi-core shared region (cache file), or set its utilization switch and recent-kernel gate.",
        mixinStandardHelpOptions = true,
        subcommands = {DumpCommand.class, SetSwitchCommand.class})
public final class RegionCommand {

    /** One line for the user, exit 2: the file is not a readable region. */
    static UserInputException invalid(InvalidRegionException e) {
        return new UserInputException(e.getMessage());
    }

    /** One line for the user, exit 2: the file could not be opened or read. */
    static UserInputException unreadable(Path path, IOException e) {
        return new UserInputException(switch (e) {
            case NoSuchFileException ignored -> "no such file: " + path;
            case AccessDeniedException ignored -> "permission denied: " + path;
            default -> "cannot access " + path + ": " + e.getMessage();
        });
    }
}
