package dev.etcdspring.client.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a parameter of an {@link EtcdWatch @EtcdWatch} method to the value before the
 * change, {@code null} when the key did not exist before (or, for a value delivered by
 * {@link EtcdWatch#initial()}, is not known). Same types as {@link EtcdValue @EtcdValue}.
 * Asks etcd for previous values, as {@link EtcdWatch#prevValue()} does.
 *
 * @since 0.1.0
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface EtcdPrevValue {

}
