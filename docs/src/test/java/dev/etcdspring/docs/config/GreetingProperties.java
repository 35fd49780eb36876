package dev.etcdspring.docs.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

// tag::properties[]
@ConfigurationProperties("greeting")
record GreetingProperties(String salutation, String name) {
}
// end::properties[]
