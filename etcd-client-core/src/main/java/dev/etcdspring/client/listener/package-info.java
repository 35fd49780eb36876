/**
 * Listener containers for etcd watches, on the model of Spring Kafka's: an
 * {@link EtcdWatchEndpoint} describes a watch and the {@link EtcdWatchEventListener} it
 * calls, an {@link EtcdWatchContainerFactory} turns it into an
 * {@link EtcdWatchListenerContainer} that runs it with a template, an executor and an
 * {@link EtcdWatchErrorHandler}, and the {@link EtcdWatchEndpointRegistry} holds the
 * containers, starts them with the application context and finds them by id. Knows
 * nothing of annotations: {@code @EtcdWatch} methods are one source of endpoints, code
 * (through the {@link EtcdWatchEndpointRegistrar}) is another.
 */
@NullMarked
package dev.etcdspring.client.listener;

import org.jspecify.annotations.NullMarked;
