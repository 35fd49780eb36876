package dev.etcdspring.client.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.etcdspring.client.watch.WatchEvent;

import org.springframework.core.annotation.AliasFor;

/**
 * Calls the annotated bean method for every change of an etcd key or prefix:
 * <pre class="code">
 * &#64;EtcdWatch("/config/feature-x")
 * void featureChanged(&#64;EtcdKey String key, &#64;EtcdValue Feature feature) { ... }
 * </pre>
 * <p>
 * The method is called once per change, in revision order; the changes of one revision (a
 * transaction) are delivered in the order etcd reports them. Its parameters are resolved
 * by type and annotation:
 * <ul>
 * <li>{@link WatchEvent}: the change itself (its key without the template's
 * namespace);</li>
 * <li>{@link WatchEvent.Type}: put or delete;</li>
 * <li>{@link dev.etcdspring.client.kv.KeyValue}: the key-value after the change;</li>
 * <li>{@link EtcdKey @EtcdKey} {@code String} or {@code byte[]}: the key;</li>
 * <li>{@link EtcdValue @EtcdValue} {@code String}, {@code byte[]} or any type the
 * {@code EtcdTemplate}'s serializer reads (JSON by default): the new value, {@code null}
 * for a delete;</li>
 * <li>{@link EtcdPrevValue @EtcdPrevValue}: the value before the change, {@code null}
 * when there was none;</li>
 * <li>{@link EtcdRevision @EtcdRevision} {@code long}: the revision of the change;</li>
 * <li>one parameter of any other type, not annotated: the new value, as with
 * {@code @EtcdValue}.</li>
 * </ul>
 * <p>
 * Each method is described as an {@link dev.etcdspring.client.listener.EtcdWatchEndpoint}
 * and run by a {@link dev.etcdspring.client.listener.EtcdWatchListenerContainer} that the
 * {@link #containerFactory() container factory} creates. The default factory uses the
 * application's {@code EtcdTemplate}: keys are relative to its namespace and values are
 * read with its serializer. An exception thrown by the method goes to the factory's
 * {@link dev.etcdspring.client.listener.EtcdWatchErrorHandler} and the watch goes on.
 * Watches start when the application context has been refreshed and stop when it closes;
 * see {@link dev.etcdspring.client.listener.EtcdWatchEndpointRegistry}. Enable processing
 * with {@link EnableEtcdWatch @EnableEtcdWatch} (Spring Boot does it for you); register
 * watches in code with an {@link EtcdWatchConfigurer}.
 * <p>
 * May be repeated on one method, and used as a meta-annotation: attributes of a composed
 * annotation can override {@code key} and the others with {@link AliasFor @AliasFor}.
 *
 * @since 0.1.0
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(EtcdWatches.class)
public @interface EtcdWatch {

	/**
	 * Alias for {@link #key()}.
	 * @return the key
	 */
	@AliasFor("key")
	String value() default "";

	/**
	 * The key to watch, or with {@link #prefix()} the prefix. {@code ${...}} placeholders
	 * are resolved; SpEL expressions are not evaluated.
	 * @return the key
	 */
	@AliasFor("value")
	String key() default "";

	/**
	 * Whether {@link #key()} is a prefix: every key that starts with it is watched.
	 * @return whether the key is a prefix
	 */
	boolean prefix() default false;

	/**
	 * Whether the current value(s) are delivered first, as puts: they are read at a
	 * revision R, then changes from R + 1 on follow, with no gap and no overlap.
	 * @return whether the current state is delivered first
	 */
	boolean initial() default false;

	/**
	 * The kinds of change to deliver.
	 * @return the event types
	 */
	WatchEvent.Type[] events() default { WatchEvent.Type.PUT, WatchEvent.Type.DELETE };

	/**
	 * The id of the watch in the
	 * {@link dev.etcdspring.client.listener.EtcdWatchEndpointRegistry registry}; by
	 * default the bean name, {@code #}, the method name and the index of the watch among
	 * those of methods of that name: {@code flagListener#onFlag0}. {@code ${...}}
	 * placeholders are resolved.
	 * @return the id
	 */
	String id() default "";

	/**
	 * Whether the watch starts with the application context ({@code "true"} or
	 * {@code "false"}; {@code ${...}} placeholders are resolved). When not, start it
	 * through the registry.
	 * @return whether to start automatically
	 */
	String autoStartup() default "true";

	/**
	 * Whether events carry the previous value of the key (the
	 * {@link EtcdPrevValue @EtcdPrevValue} parameter and {@link WatchEvent#prevKv()}).
	 * Turned on by itself when a parameter is annotated with {@code @EtcdPrevValue}.
	 * @return whether previous values are asked for
	 */
	boolean prevValue() default false;

	/**
	 * The name of the {@link dev.etcdspring.client.listener.EtcdWatchContainerFactory}
	 * bean that creates the container of this watch, to give it another template
	 * (namespace, serializer, client), executor or error handler; empty for the default
	 * one, the bean named
	 * {@value dev.etcdspring.client.listener.EtcdWatchContainerFactory#DEFAULT_BEAN_NAME}.
	 * {@code ${...}} placeholders are resolved. An unknown name fails the startup.
	 * @return the container factory bean name
	 */
	String containerFactory() default "";

}
