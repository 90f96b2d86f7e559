package io.hami.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HamiLogConfiguratorTest {

    @Test
    void withoutTheVariableTheRootLogsAtInfo() {
        var said = new ArrayList<String>();
        assertThat(HamiLogConfigurator.rootLevel(Map.of(), said::add)).isEqualTo(Level.INFO);
        assertThat(HamiLogConfigurator.rootLevel(Map.of("HAMI_LOG_LEVEL", " "), said::add)).isEqualTo(Level.INFO);
        assertThat(said).isEmpty();
    }

    @Test
    void theVariableNamesTheRootLevelInAnyCase() {
        var said = new ArrayList<String>();
        assertThat(HamiLogConfigurator.rootLevel(Map.of("HAMI_LOG_LEVEL", "warn"), said::add)).isEqualTo(Level.WARN);
        assertThat(HamiLogConfigurator.rootLevel(Map.of("HAMI_LOG_LEVEL", "DEBUG"), said::add)).isEqualTo(Level.DEBUG);
        assertThat(HamiLogConfigurator.rootLevel(Map.of("HAMI_LOG_LEVEL", "Off"), said::add)).isEqualTo(Level.OFF);
        assertThat(said).isEmpty();
    }

    @Test
    void aValueThatNamesNoLevelIsSaidInOneLineAndInfoApplies() {
        var said = new ArrayList<String>();
        assertThat(HamiLogConfigurator.rootLevel(Map.of("HAMI_LOG_LEVEL", "verbose"), said::add)).isEqualTo(Level.INFO);
        assertThat(said).singleElement().asString()
                .contains("HAMI_LOG_LEVEL=\"verbose\"", "names no log level", "INFO")
                .doesNotContain("\n");
    }

    @Test
    void daemonsLogOneLinePerEventOnStderrAndNettysBootstrapOnlyItsErrors() {
        var context = new LoggerContext();
        var configurator = new HamiLogConfigurator();
        configurator.setContext(context);

        configurator.configureInCode(context);

        var appender = (ConsoleAppender<?>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        assertThat(appender.getTarget()).isEqualTo("System.err");
        assertThat(appender.isStarted()).isTrue();
        assertThat(context.getLogger("io.netty.bootstrap").getLevel()).isEqualTo(Level.ERROR);
    }

    @Test
    void theCommandFindsItAsLogbacksConfigurator() throws Exception {
        try (var in = HamiLogConfigurator.class.getResourceAsStream(
                "/META-INF/services/ch.qos.logback.classic.spi.Configurator")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes()).strip()).isEqualTo(HamiLogConfigurator.class.getName());
        }
    }
}
