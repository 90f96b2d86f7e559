package io.hami.cli.annotation;

import io.hami.cli.HamiCommand;
import io.hami.cli.UserInputException;
import io.hami.model.json.CanonicalJson;
import io.hami.model.wire.WireCodec;
import io.hami.model.wire.WireFormatException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hami annotation decode}: wire value on stdin, canonical JSON on stdout. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Read an annotation value (or device-config.yaml) on stdin and print its canonical JSON.")
final class DecodeCommand implements Callable<Integer> {

    @Mixin
    FormatOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var codec = options.codec();
        var wire = StdinText.read(HamiCommand.stdin(spec));
        var json = CanonicalJson.PRETTY.writeValueAsString(decode(codec, wire));
        spec.commandLine().getOut().println(json);
        return 0;
    }

    private static <T> T decode(WireCodec<T> codec, String wire) throws UserInputException {
        try {
            return codec.decode(wire);
        } catch (WireFormatException e) {
            throw new UserInputException(e.getMessage());
        }
    }
}
