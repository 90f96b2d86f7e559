package io.hami.cli.annotation;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.hami.cli.HamiCommand;
import io.hami.cli.UserInputException;
import io.hami.model.json.CanonicalJson;
import io.hami.model.wire.WireCodec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hami annotation encode}: canonical JSON on stdin, wire value on stdout. */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Read canonical JSON on stdin (as decode prints it) and print the wire value.")
final class EncodeCommand implements Callable<Integer> {

    @Mixin
    FormatOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var codec = options.codec();
        var json = StdinText.read(HamiCommand.stdin(spec));
        spec.commandLine().getOut().println(encode(codec, json));
        return 0;
    }

    private static <T> String encode(WireCodec<T> codec, String json) throws UserInputException {
        T value;
        try {
            value = CanonicalJson.MAPPER.readValue(json, codec.valueType());
        } catch (ValueInstantiationException e) {
            var cause = e.getCause() != null ? e.getCause() : e;
            throw new UserInputException(codec.format() + ": JSON input: " + cause.getMessage() + location(e));
        } catch (JacksonException e) {
            throw new UserInputException(codec.format() + ": JSON input: " + e.getOriginalMessage().lines().findFirst().orElse("")
                    + location(e));
        }
        if (value == null) {
            throw new UserInputException(codec.format() + ": JSON input: null is not a value");
        }
        try {
            return codec.encode(value);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(codec.format() + ": cannot encode: " + e.getMessage());
        }
    }

    private static String location(JacksonException e) {
        var at = e.getLocation();
        var path = e instanceof com.fasterxml.jackson.databind.JsonMappingException m ? m.getPathReference() : null;
        var sb = new StringBuilder();
        if (path != null && !path.isEmpty()) {
            sb.append(" (at ").append(path).append(')');
        }
        if (at != null && at.getLineNr() > 0) {
            sb.append(" at line ").append(at.getLineNr()).append(" column ").append(at.getColumnNr());
        }
        return sb.toString();
    }
}
