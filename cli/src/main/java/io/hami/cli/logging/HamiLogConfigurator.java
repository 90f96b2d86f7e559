package io.hami.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code hami} command's logging, set up in code rather than from a {@code logback.xml}: Logback's XML
 * configurator loads hundreds of classes (its model and actions, and the JDK's XML parser) that each daemon would
 * carry for its lifetime (docs/architecture.md, "Logging"). Daemons log to stderr, one line per event (kubelet and the container runtime collect it), at
 * the level {@code HAMI_LOG_LEVEL} names (default INFO); Netty's bootstrap logs errors only (gRPC asks for
 * SO_KEEPALIVE, which Unix domain sockets do not have, and Netty says so on every connection).
 *
 * <p>A class path that carries its own {@code logback.xml} or {@code logback-test.xml} (the benchmarks' jar, tests)
 * is configured from that file, as before.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class HamiLogConfigurator extends ContextAwareBase implements Configurator {
    /** The environment variable that sets the root level. */
    public static final String LEVEL_VARIABLE = "HAMI_LOG_LEVEL";
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        var loader = HamiLogConfigurator.class.getClassLoader();
        if (loader.getResource("logback-test.xml") != null || loader.getResource("logback.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configureInCode(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The command's own configuration, whatever the class path carries. */
    void configureInCode(LoggerContext context) {
        var encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        var appender = new ConsoleAppender<ILoggingEvent>();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(rootLevel(System.getenv(), System.err::println));
        root.addAppender(appender);
        context.getLogger("io.netty.bootstrap").setLevel(Level.ERROR);
    }

    /**
     * The root level {@code HAMI_LOG_LEVEL} names in {@code env} (any case), INFO when it is unset or empty; a value
     * that names no level is said on {@code warn} in one line, and INFO applies.
     */
    static Level rootLevel(Map<String, String> env, java.util.function.Consumer<String> warn) {
        var value = env.getOrDefault(LEVEL_VARIABLE, "").strip();
        if (value.isEmpty()) {
            return Level.INFO;
        }
        var level = switch (value.toUpperCase(Locale.ROOT)) {
            case "ALL", "TRACE" -> Level.TRACE;
            case "DEBUG" -> Level.DEBUG;
            case "INFO" -> Level.INFO;
            case "WARN" -> Level.WARN;
            case "ERROR" -> Level.ERROR;
            case "OFF" -> Level.OFF;
            default -> null;
        };
        if (level == null) {
            warn.accept("hami: " + LEVEL_VARIABLE + "=\"" + value + "\" names no log level (TRACE, DEBUG, INFO, WARN, ERROR, OFF); "
                    + "logging at INFO");
            return Level.INFO;
        }
        return level;
    }
}
