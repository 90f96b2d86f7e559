package io.hami.cli.devices;

import io.hami.bindings.DeviceDiscoveries;
import io.hami.bindings.discovery.DeviceDiscovery;
import io.hami.bindings.discovery.DeviceVendor;
import io.hami.bindings.discovery.DiscoveredDevice;
import io.hami.bindings.discovery.DiscoveryException;
import io.hami.cli.HamiCommand;
import io.hami.cli.UserInputException;
import io.hami.model.json.CanonicalJson;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hami devices}: the node's accelerators as their vendors' management libraries report them: one
 * vendor's ({@code --vendor}, optionally from {@code --library}), or every vendor whose library is installed.
 * A device whose calls fail is listed unhealthy with what could be read, and its errors go to stderr; the
 * command still succeeds. A vendor listed through a library other than its preferred one (Cambricon's CNRT where
 * CNDEV is absent) is named on stderr with that library. When no library can list (none installed, or each fails)
 * it prints why and exits 3.
 */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List the accelerators of this machine through their vendors' management libraries.")
public final class DevicesCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print a JSON array (vendor, index, uuid, name, memoryTotalMiB, memoryUsedMiB, "
            + "minor, pciBusId, numa, healthy, migEnabled, migDevices) instead of a table.")
    boolean json;

    @Option(names = "--vendor", paramLabel = "VENDOR",
            description = "Only this vendor: nvidia, cambricon, ascend, hygon, iluvatar, metax or mthreads.")
    String vendor;

    @Option(names = "--library", paramLabel = "PATH",
            description = "The vendor's library to load (needs --vendor); default: the vendor's usual names and places.")
    String library;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        var devices = vendor != null ? listOne(chosenVendor()) : listEvery(err);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(CanonicalJson.PRETTY.writeValueAsString(DeviceTable.json(devices)));
        } else {
            DeviceTable.text(devices).forEach(out::println);
        }
        out.flush();
        err.flush();
        return 0;
    }

    private DeviceVendor chosenVendor() throws UserInputException {
        return DeviceVendor.byId(vendor).orElseThrow(() -> new UserInputException("unknown vendor '" + vendor + "' (one of "
                + Arrays.stream(DeviceVendor.values()).map(DeviceVendor::id).collect(Collectors.joining(", ")) + ")"));
    }

    private List<DiscoveredDevice> listOne(DeviceVendor v) throws UserInputException {
        try {
            var discovery = library != null ? Optional.of(DeviceDiscoveries.open(v, library)) : DeviceDiscoveries.find(v);
            if (discovery.isEmpty()) {
                throw unavailable(v.displayName() + " " + v.apiNames() + " not available: no library found (looked for "
                        + String.join(", ", v.libraries()) + ")");
            }
            return listed(discovery.get(), spec.commandLine().getErr());
        } catch (DiscoveryException e) {
            throw unavailable(e.getMessage());
        }
    }

    /** Every vendor whose library is installed; a vendor whose library fails is reported and skipped. */
    private List<DiscoveredDevice> listEvery(PrintWriter err) throws UserInputException {
        if (library != null) {
            throw new UserInputException("--library needs --vendor: whose library is " + library + "?");
        }
        var devices = new ArrayList<DiscoveredDevice>();
        var failures = new ArrayList<String>();
        int listedVendors = 0;
        for (var v : DeviceVendor.values()) {
            try {
                var discovery = DeviceDiscoveries.find(v);
                if (discovery.isPresent()) {
                    devices.addAll(listed(discovery.get(), err));
                    listedVendors++;
                }
            } catch (DiscoveryException e) {
                failures.add(e.getMessage());
            }
        }
        if (listedVendors == 0 && failures.isEmpty()) {
            throw unavailable("no accelerator management library found (looked for " + Arrays.stream(DeviceVendor.values())
                    .flatMap(v -> v.libraries().stream()).collect(Collectors.joining(", ")) + ")");
        }
        if (listedVendors == 0) {
            throw unavailable(String.join(System.lineSeparator(), failures));
        }
        failures.forEach(f -> err.println("hami: " + f));
        return devices;
    }

    /**
     * The discovery's devices; their problems go to stderr, each naming the vendor and the library, after a line
     * naming the library that served when it is not the vendor's preferred one.
     */
    private static List<DiscoveredDevice> listed(DeviceDiscovery discovery, PrintWriter err) {
        var devices = discovery.discover();
        var vendor = discovery.vendor();
        if (!discovery.apiName().equals(vendor.api())) {
            err.println("hami: " + vendor.id() + ": listed through " + discovery.apiName() + " (" + discovery.library()
                    + ") instead of " + vendor.api());
        }
        devices.stream().flatMap(d -> d.problems().stream())
                .forEach(p -> err.println("hami: " + discovery.vendor().id() + " " + discovery.library() + ": " + p));
        return devices;
    }

    private static UserInputException unavailable(String why) {
        return new UserInputException(why, HamiCommand.EXIT_NATIVE_UNAVAILABLE);
    }
}
