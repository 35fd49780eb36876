/**
 * {@link dev.etcdspring.client.template.EtcdTemplate}: the Spring-style, string-keyed
 * face of the client.
 */
@NullMarked
package dev.etcdspring.client.template;

import org.jspecify.annotations.NullMarked;
