package dev.etcdspring.client.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Enables {@link EtcdWatch @EtcdWatch} methods: put it on a {@code @Configuration} class
 * of an application that has an {@code EtcdTemplate} bean. Spring Boot's
 * auto-configuration does it for you.
 * <p>
 * Registers the {@link EtcdWatchAnnotationBeanPostProcessor} that finds the methods and
 * the {@link dev.etcdspring.client.listener.EtcdWatchEndpointRegistry} that runs their
 * watches; {@link EtcdWatchConfigurer} beans register more in code. Containers are
 * created by the application's
 * {@link dev.etcdspring.client.listener.EtcdWatchContainerFactory} bean named
 * {@value dev.etcdspring.client.listener.EtcdWatchContainerFactory#DEFAULT_BEAN_NAME}, or
 * without one by a factory with the application's {@code EtcdOperations} bean: exceptions
 * thrown by the methods then go to the application's
 * {@link dev.etcdspring.client.listener.EtcdWatchErrorHandler} bean, if there is one, or
 * are logged.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(EtcdWatchConfiguration.class)
public @interface EnableEtcdWatch {

}
