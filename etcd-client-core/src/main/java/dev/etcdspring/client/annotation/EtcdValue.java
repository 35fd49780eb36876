package dev.etcdspring.client.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a parameter of an {@link EtcdWatch @EtcdWatch} method to the value after the
 * change, {@code null} for a delete. On a {@code String}, a {@code byte[]} (the stored
 * bytes) or any type the {@code EtcdTemplate}'s serializer reads, such as a record read
 * from JSON.
 *
 * @since 0.1.0
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface EtcdValue {

}
