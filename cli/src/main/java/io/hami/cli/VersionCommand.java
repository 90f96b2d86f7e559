package io.hami.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hami version}: what this build is and what it is compatible with. */
@Command(name = "version", description = "Print the version and the HAMi formats this build speaks.")
final class VersionCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        for (var line : new Provider().getVersion()) {
            spec.commandLine().getOut().println(line);
        }
    }

    /** Reads the version the build wrote into the jar. */
    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            var props = new Properties();
            try (var in = VersionCommand.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    throw new IllegalStateException("version.properties is missing from the hami-cli jar");
                }
                props.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {
                "hami-java " + props.getProperty("version"),
                "wire compatibility: " + props.getProperty("hami.compatibility")
                        + "; HAMi-core region layouts " + props.getProperty("region.layouts"),
                "runtime: Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")",
            };
        }
    }
}
