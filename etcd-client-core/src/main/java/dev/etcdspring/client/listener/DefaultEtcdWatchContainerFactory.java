package dev.etcdspring.client.listener;

import java.util.concurrent.Executor;

import dev.etcdspring.client.template.EtcdOperations;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Creates {@link EtcdWatchListenerContainer}s that share a template, an executor and an
 * error handler. Define one as a bean, say with a template of another namespace, and name
 * it in {@code @EtcdWatch(containerFactory = "...")}: <pre class="code">
 * &#64;Bean
 * DefaultEtcdWatchContainerFactory sharedConfigWatches(EtcdClient client) {
 * 	DefaultEtcdWatchContainerFactory factory = new DefaultEtcdWatchContainerFactory();
 * 	factory.setTemplate(new EtcdTemplate(client, EtcdSerializer.standard(), "/shared"));
 * 	return factory;
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public class DefaultEtcdWatchContainerFactory implements EtcdWatchContainerFactory {

	private @Nullable EtcdOperations template;

	private @Nullable Executor executor;

	private EtcdWatchErrorHandler errorHandler = EtcdWatchErrorHandler.logging();

	/**
	 * Set the template the watches use: keys are relative to its namespace and values are
	 * read with its serializer. Required.
	 * @param template the template
	 */
	public void setTemplate(EtcdOperations template) {
		Assert.notNull(template, "Template must not be null");
		this.template = template;
	}

	/**
	 * Set the executor that calls the listeners, one call at a time per watch, each
	 * awaited before the next change is delivered. By default (or with {@code null}) they
	 * are called on the thread the client delivers on: its own, or its
	 * {@code watchExecutor}. The executor must run every task it accepts; a rejected task
	 * goes to the error handler as a failed call.
	 * @param executor the executor, or {@code null}
	 */
	public void setExecutor(@Nullable Executor executor) {
		this.executor = executor;
	}

	/**
	 * Set the handler of what listeners throw; by default
	 * {@link EtcdWatchErrorHandler#logging() logged}.
	 * @param errorHandler the error handler
	 */
	public void setErrorHandler(EtcdWatchErrorHandler errorHandler) {
		Assert.notNull(errorHandler, "Error handler must not be null");
		this.errorHandler = errorHandler;
	}

	/**
	 * Return the template the watches use.
	 * @return the template, or {@code null} when none was set
	 */
	public @Nullable EtcdOperations getTemplate() {
		return this.template;
	}

	/**
	 * Return the executor that calls the listeners.
	 * @return the executor, or {@code null} for the client's delivery threads
	 */
	public @Nullable Executor getExecutor() {
		return this.executor;
	}

	/**
	 * Return the handler of what listeners throw.
	 * @return the error handler
	 */
	public EtcdWatchErrorHandler getErrorHandler() {
		return this.errorHandler;
	}

	@Override
	public EtcdWatchListenerContainer createContainer(EtcdWatchEndpoint endpoint) {
		EtcdOperations current = this.template;
		Assert.state(current != null,
				() -> "No template to run etcd watch '" + endpoint.getId() + "' with: @EtcdWatch methods need an "
						+ "EtcdTemplate bean (any EtcdOperations: exactly one, or one marked @Primary), "
						+ "or a container factory whose template is set");
		return new EtcdWatchListenerContainer(endpoint, current, this.executor, this.errorHandler);
	}

}
