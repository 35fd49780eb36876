package dev.etcdspring.client.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Container of several {@link EtcdWatch @EtcdWatch} annotations on one method; Java
 * creates it when {@code @EtcdWatch} is repeated.
 *
 * @since 0.1.0
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface EtcdWatches {

	/**
	 * The watches.
	 * @return the watches
	 */
	EtcdWatch[] value();

}
