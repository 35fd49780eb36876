package dev.etcdspring.client.internal.kv;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import dev.etcdspring.client.exception.EtcdAnswerTooLargeException;
import dev.etcdspring.client.exception.EtcdError;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.exception.EtcdServerException;
import dev.etcdspring.client.exception.EtcdUnavailableException;
import dev.etcdspring.client.kv.CoalescingMetrics;
import dev.etcdspring.client.kv.Txn;
import dev.etcdspring.client.kv.TxnOp;

/**
 * Lets concurrent requests of one kind share a round trip, with no timer. A request that
 * finds fewer than {@code maxInFlight} requests of its kind in flight and none waiting
 * goes out alone at once, as without coalescing. Otherwise it waits, and a batch of every
 * compatible waiting request (up to etcd's limits) leaves as one transaction when a round
 * trip is free and either nothing of its kind is in flight or the waiting requests make
 * up their share of the lane's load (in flight and waiting, divided by
 * {@code maxInFlight}). The share rule keeps batches whole: callers answered together
 * come back together and leave together, without waiting for another round trip to end,
 * and without a request that happens to come back first leaving alone and splitting them.
 * The caller that completes a batch, or the first one waiting, sends it and hands each
 * caller its own answer. No thread of its own: the callers' threads do the work.
 * <p>
 * A combined transaction that etcd refuses was not applied (transactions are atomic): its
 * callers then send their requests alone, so that a failure stays with the request that
 * caused it. A combined transaction whose outcome is unknown is unknown for each of them,
 * and each is told so.
 */
final class Coalescer {

	private final String lane;

	private final int maxInFlight;

	private final long maxBytes;

	private final Function<Txn, Txn.Response> send;

	private final CoalescingMetrics metrics;

	private final ReentrantLock lock = new ReentrantLock();

	private final ArrayDeque<CoalescedCall<?>> queue = new ArrayDeque<>();

	private final Map<Object, CoalescedCall<?>> queuedBySharingKey = new HashMap<>();

	/** Round trips under way. */
	private int inFlight;

	/** Requests in the round trips under way. */
	private int inFlightRequests;

	/**
	 * Operations per combined transaction: etcd's default {@code --max-txn-ops}, halved
	 * whenever a server with a lower limit refuses a batch.
	 */
	private volatile int maxOps = Txn.DEFAULT_MAX_OPS;

	/**
	 * Create a coalescer.
	 * @param lane its name in metrics and logs
	 * @param maxInFlight how many round trips of this kind may be under way at once
	 * before requests wait and combine
	 * @param maxBytes the estimated size a combined transaction may reach
	 * @param send sends a combined transaction
	 * @param metrics told the size of each round trip
	 */
	Coalescer(String lane, int maxInFlight, long maxBytes, Function<Txn, Txn.Response> send,
			CoalescingMetrics metrics) {
		this.lane = lane;
		this.maxInFlight = maxInFlight;
		this.maxBytes = maxBytes;
		this.send = send;
		this.metrics = metrics;
	}

	/**
	 * Send {@code call}'s request, alone or with others.
	 * @param <R> the answer type
	 * @param call the request
	 * @return its answer
	 */
	<R> R call(CoalescedCall<R> call) {
		boolean alone = false;
		this.lock.lock();
		try {
			if (this.inFlightRequests < this.maxInFlight && this.queue.isEmpty()) {
				this.inFlight++;
				this.inFlightRequests++;
				alone = true;
			}
			else {
				enqueue(call);
			}
		}
		finally {
			this.lock.unlock();
		}
		if (alone) {
			this.metrics.roundTrip(this.lane, 1);
			try {
				return call.sendAlone();
			}
			finally {
				finished(1);
			}
		}
		return await(call);
	}

	private void enqueue(CoalescedCall<?> call) {
		Object key = call.sharingKey();
		CoalescedCall<?> twin = (key != null) ? this.queuedBySharingKey.get(key) : null;
		if (twin != null) {
			// an identical read not yet sent: its answer is as fresh as this call needs
			twin.addSharer(call);
			return;
		}
		this.queue.addLast(call);
		if (key != null) {
			this.queuedBySharingKey.put(key, call);
		}
		if (mayStartBatch()) {
			// this caller completes a batch: it leads it itself, with no thread to wake
			this.queue.pollLast();
			forget(call);
			startBatch(call);
			call.state = CoalescedCall.LEADING;
		}
		electLeaders();
	}

	/**
	 * Whether the waiting requests leave now: a round trip is free, and nothing of this
	 * kind is in flight (no round trip would end to send them later) or they make up
	 * their share of the lane's load.
	 */
	private boolean mayStartBatch() {
		if (this.inFlight >= this.maxInFlight || this.queue.isEmpty()) {
			return false;
		}
		int load = this.queue.size() + this.inFlightRequests;
		int share = (load + this.maxInFlight - 1) / this.maxInFlight;
		return this.inFlight == 0 || this.queue.size() >= share;
	}

	/** Wake the first waiting callers to lead batches, while batches may start. */
	private void electLeaders() {
		while (mayStartBatch()) {
			CoalescedCall<?> leader = this.queue.pollFirst();
			forget(leader);
			startBatch(leader);
			leader.wake(CoalescedCall.LEADING);
		}
	}

	/** Take a batch behind {@code leader} from the queue, as a round trip under way. */
	private void startBatch(CoalescedCall<?> leader) {
		List<CoalescedCall<?>> batch = collect(leader);
		leader.batch = batch;
		this.inFlight++;
		this.inFlightRequests += batch.size();
	}

	private void forget(CoalescedCall<?> call) {
		Object key = call.sharingKey();
		if (key != null) {
			this.queuedBySharingKey.remove(key, call);
		}
	}

	private void finished(int requests) {
		this.lock.lock();
		try {
			this.inFlight--;
			this.inFlightRequests -= requests;
			electLeaders();
		}
		finally {
			this.lock.unlock();
		}
	}

	private <R> R await(CoalescedCall<R> call) {
		boolean interrupted = false;
		try {
			while (true) {
				switch (call.state) {
					case CoalescedCall.DONE:
						return call.answer();
					case CoalescedCall.ALONE:
						return call.sendAlone();
					case CoalescedCall.LEADING:
						lead(call);
						break;
					default:
						LockSupport.park(this);
						if (Thread.interrupted()) {
							interrupted = true;
							if (abandon(call)) {
								throw new EtcdException(
										"Interrupted while waiting to send an etcd request; it was not sent");
							}
						}
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Take an interrupted caller's request back, when it was not sent yet and no other
	 * call waits for its answer. Once sent, the caller waits for the outcome, which is
	 * bounded by the request timeout.
	 */
	private boolean abandon(CoalescedCall<?> call) {
		this.lock.lock();
		try {
			if (call.state == CoalescedCall.QUEUED && !call.hasSharers()) {
				this.queue.remove(call);
				forget(call);
				// with one fewer, the others may now make up their share
				electLeaders();
				return true;
			}
			CoalescedCall<?> primary = call.sharedWith;
			return call.state == CoalescedCall.SHARING && primary != null && primary.state == CoalescedCall.QUEUED
					&& primary.removeSharer(call);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Send the batch {@code leader} was elected with. */
	private void lead(CoalescedCall<?> leader) {
		List<CoalescedCall<?>> batch = leader.batch;
		leader.batch = null;
		leader.state = CoalescedCall.SENT;
		try {
			send(batch);
		}
		catch (RuntimeException | Error ex) {
			// a failure of the client itself (out of memory, say): no caller may wait on
			failUnanswered(batch, ex);
			throw ex;
		}
		finally {
			finished(batch.size());
		}
	}

	private static void failUnanswered(List<CoalescedCall<?>> batch, Throwable cause) {
		for (CoalescedCall<?> call : batch) {
			if (call.state == CoalescedCall.SENT) {
				call.fail(new EtcdException("etcd request failed in the client: " + cause, null, cause));
			}
		}
	}

	private List<CoalescedCall<?>> collect(CoalescedCall<?> leader) {
		List<CoalescedCall<?>> batch = new ArrayList<>();
		batch.add(leader);
		long bytes = leader.bytes();
		KeySpans touched = new KeySpans();
		touched.addAll(leader.footprint());
		int limit = this.maxOps;
		for (Iterator<CoalescedCall<?>> waiting = this.queue.iterator(); waiting.hasNext() && batch.size() < limit;) {
			CoalescedCall<?> call = waiting.next();
			if (bytes + call.bytes() > this.maxBytes) {
				continue;
			}
			if (!call.footprint().isEmpty()) {
				if (touched.overlaps(call.footprint())) {
					// meets a write already in the batch: it goes in a later one
					continue;
				}
				touched.addAll(call.footprint());
			}
			waiting.remove();
			forget(call);
			call.state = CoalescedCall.SENT;
			bytes += call.bytes();
			batch.add(call);
		}
		return batch;
	}

	private void send(List<CoalescedCall<?>> batch) {
		int requests = 0;
		for (CoalescedCall<?> call : batch) {
			requests += call.requests();
		}
		this.metrics.roundTrip(this.lane, requests);
		if (batch.size() == 1) {
			// nothing to combine with: the leader goes alone, as without coalescing
			batch.get(0).runAlone();
			return;
		}
		TxnOp[] ops = new TxnOp[batch.size()];
		for (int i = 0; i < ops.length; i++) {
			ops[i] = batch.get(i).op();
		}
		Txn.Response response;
		try {
			response = this.send.apply(Txn.create().then(ops));
		}
		catch (RuntimeException ex) {
			failed(batch, ex);
			return;
		}
		List<TxnOp.Result> results = response.results();
		for (int i = 0; i < ops.length; i++) {
			CoalescedCall<?> call = batch.get(i);
			if (i < results.size()) {
				call.complete(results.get(i), response.header());
			}
			else {
				call.fail(new EtcdException("etcd answered a combined transaction of %d operations with %d results"
					.formatted(ops.length, results.size())));
			}
		}
	}

	/**
	 * The combined transaction failed. When etcd refused it because of what it holds, it
	 * was not applied: each request goes again alone and meets its own answer. A failure
	 * of the cluster (no leader, unavailable) or of the connection is every caller's.
	 */
	private void failed(List<CoalescedCall<?>> batch, RuntimeException failure) {
		if (isAboutContent(failure)) {
			if (failure instanceof EtcdServerException server && server.getError() == EtcdError.TOO_MANY_TXN_OPS) {
				this.maxOps = Math.max(2, batch.size() / 2);
			}
			this.metrics.resentAlone(this.lane, batch.size());
			for (CoalescedCall<?> call : batch) {
				call.goAlone();
			}
			return;
		}
		for (CoalescedCall<?> call : batch) {
			call.fail(failure);
		}
	}

	private static boolean isAboutContent(RuntimeException failure) {
		if (failure instanceof EtcdAnswerTooLargeException) {
			return true;
		}
		return failure instanceof EtcdServerException && !(failure instanceof EtcdUnavailableException);
	}

}
