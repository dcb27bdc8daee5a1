package io.intake.gateway;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.List;

/**
 * Binds the settings for a command-line tool exactly as the server does (application.properties, environment,
 * {@code --intake.x=y} arguments), without starting the server, Camel or any channel.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeProperties.class)
class CliSettings {

    static IntakeProperties load(List<String> springArgs) {
        List<String> args = new ArrayList<>(springArgs);
        args.add("--logging.config=classpath:logback-cli.xml");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CliSettings.class)
                .web(WebApplicationType.NONE).logStartupInfo(false)
                .bannerMode(org.springframework.boot.Banner.Mode.OFF)
                .registerShutdownHook(false)
                .run(args.toArray(String[]::new))) {
            IntakeProperties properties = context.getBean(IntakeProperties.class);
            SettingsCheck.verify(properties);
            return properties;
        }
    }
}
