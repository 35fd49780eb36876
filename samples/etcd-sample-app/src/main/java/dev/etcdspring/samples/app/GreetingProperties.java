package dev.etcdspring.samples.app;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The greeting, imported from etcd ({@code spring.config.import} in application.yml): the
 * key {@code /sample/config/greeting.text} is the property {@code greeting.text}.
 *
 * @param text what to greet with
 */
@ConfigurationProperties("greeting")
record GreetingProperties(@DefaultValue("hello") String text) {
}
