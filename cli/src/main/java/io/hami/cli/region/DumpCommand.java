package io.hami.cli.region;

import io.hami.bindings.region.InvalidRegionException;
import io.hami.bindings.region.RegionReader;
import io.hami.bindings.region.RegionSnapshot;
import io.hami.cli.UserInputException;
import io.hami.model.json.CanonicalJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hami region dump PATH [--json]}: one snapshot of a region file. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Print one snapshot of a HAMi-core region file: layout, limits and usage per device in MiB, active processes.")
final class DumpCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PATH", description = "The region file, e.g. /usr/local/vgpu/containers/<pod>_<ctr>/<uuid>.cache.")
    Path path;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var report = RegionReport.of(path.toString(), snapshot());
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(CanonicalJson.PRETTY.writeValueAsString(report));
        } else {
            out.print(report.text());
        }
        out.flush();
        return 0;
    }

    private RegionSnapshot snapshot() throws UserInputException {
        try {
            return RegionReader.read(path);
        } catch (InvalidRegionException e) {
            throw RegionCommand.invalid(e);
        } catch (IOException e) {
            throw RegionCommand.unreadable(path, e);
        }
    }
}
