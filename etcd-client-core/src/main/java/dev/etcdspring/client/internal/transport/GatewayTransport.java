package dev.etcdspring.client.internal.transport;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;

import dev.etcdspring.client.exception.EtcdAuthenticationException;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.exception.EtcdOutcomeUnknownException;
import dev.etcdspring.client.exception.EtcdTimeoutException;
import dev.etcdspring.client.internal.codec.GatewayAnswers;
import dev.etcdspring.client.internal.codec.GatewayJson;
import dev.etcdspring.client.internal.codec.GatewayJsonException;
import dev.etcdspring.client.internal.codec.GatewayRequest;
import dev.etcdspring.client.transport.EtcdTransport;
import dev.etcdspring.client.transport.ReadBalancing;
import dev.etcdspring.client.transport.RestClientTransport;
import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * Sends requests to etcd's JSON gateway ({@code POST /v3/...}) over a {@link GatewayHttp}
 * (the built-in client, or Spring's {@code RestClient}), with failover across the
 * cluster's members and error translation.
 * <p>
 * Requests stick to one member until it fails; then the next member is tried, with
 * backoff from Spring's {@link RetryTemplate}. Reads are retried on any failure that says
 * nothing about the data; writes only when the connection was refused (see
 * {@link RequestKind}). With {@link ReadBalancing#ROUND_ROBIN}, serializable reads go to
 * each member in turn instead (see {@link MemberEndpoints}). The endpoints may be
 * replaced while the transport runs ({@link #replaceEndpoints(List)}, member discovery).
 *
 * @since 0.1.0
 */
public final class GatewayTransport implements AutoCloseable {

	/**
	 * Sent with every request: a member that has lost its leader then answers "no leader"
	 * at once (and cancels its watches) instead of stalling.
	 */
	static final String REQUIRE_LEADER_HEADER = "Grpc-Metadata-hasleader";

	private static final String AUTHENTICATE = "auth/authenticate";

	private static final byte[] PROBE_BODY = { '{', '}' };

	/**
	 * Tries per member within one call: a member that refused once (restarting, say) gets
	 * a second chance, and the call still ends once every member failed twice.
	 */
	private static final int TRIES_PER_MEMBER = 2;

	/**
	 * The first retry's delay: short, since a retry mostly goes to another member, which
	 * has no reason to be busy.
	 */
	private static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(25);

	/** Each retry in a row doubles the delay, the usual exponential backoff. */
	private static final double RETRY_MULTIPLIER = 2;

	/**
	 * The longest delay between retries: several retries still fit in the default request
	 * timeout of 10 s.
	 */
	private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(1);

	private final MemberEndpoints members;

	private final boolean spreadSerializableReads;

	private final EtcdTransport transport;

	private final GatewayHttp http;

	// these three depend on the number of endpoints, which member discovery may change
	private volatile Duration attemptTimeout;

	private volatile RetryTemplate readRetry;

	private volatile RetryTemplate writeRetry;

	private final Duration requestTimeout;

	private final GatewayObservation observation;

	private final @Nullable AuthTokens tokens;

	private final long maxAnswerBytes;

	/** Explains etcd's refusals when the client has no credentials (no tokens). */
	private final MissingCredentials missingCredentials = new MissingCredentials();

	public GatewayTransport(GatewaySettings settings) {
		this.members = new MemberEndpoints(settings.endpoints());
		this.spreadSerializableReads = settings.readBalancing() == ReadBalancing.ROUND_ROBIN;
		this.requestTimeout = settings.requestTimeout();
		this.maxAnswerBytes = settings.maxAnswerBytes();
		this.transport = settings.transport();
		this.http = open(settings);
		int endpointCount = settings.endpoints().size();
		this.attemptTimeout = attemptTimeout(this.requestTimeout, endpointCount);
		this.readRetry = retryTemplate(RequestKind.READ, endpointCount);
		this.writeRetry = retryTemplate(RequestKind.WRITE, endpointCount);
		this.observation = new GatewayObservation(settings.observationRegistry());
		this.tokens = (settings.credentials() != null)
				? new AuthTokens(settings.credentials(), (request, deadline) -> callWithRetry(AUTHENTICATE, request,
						GatewayAnswers.Authenticate.class, RequestKind.READ, false, deadline))
				: null;
	}

	/**
	 * With several members, one attempt gets half the request timeout, so that a member
	 * that hangs leaves time to ask another one within the request timeout.
	 */
	static Duration attemptTimeout(Duration requestTimeout, int endpoints) {
		return (endpoints > 1) ? requestTimeout.dividedBy(2) : requestTimeout;
	}

	private RetryTemplate retryTemplate(RequestKind kind, int endpointCount) {
		RetryPolicy policy = RetryPolicy.builder()
			.predicate((failure) -> isRetryable(failure, kind))
			// every member at least twice, but never past the request timeout
			.maxRetries((long) TRIES_PER_MEMBER * endpointCount)
			.delay(FIRST_RETRY_DELAY)
			.multiplier(RETRY_MULTIPLIER)
			.maxDelay(MAX_RETRY_DELAY)
			.timeout(this.requestTimeout)
			.build();
		return new RetryTemplate(policy);
	}

	private static boolean isRetryable(Throwable failure, RequestKind kind) {
		if (failure instanceof NoTimeLeftException || ExchangeCancellation.currentIsCancelled()) {
			return false;
		}
		if (failure instanceof dev.etcdspring.client.exception.EtcdConnectionException) {
			// for writes the translation only produces this when nothing was sent
			return true;
		}
		return kind != RequestKind.WRITE && (failure instanceof dev.etcdspring.client.exception.EtcdTimeoutException
				|| failure instanceof dev.etcdspring.client.exception.EtcdUnavailableException);
	}

	/**
	 * The HTTP side of the chosen transport: the sealed {@link EtcdTransport} is public
	 * API, what it opens is not.
	 */
	private static GatewayHttp open(GatewaySettings settings) {
		if (settings.transport() instanceof RestClientTransport restClient) {
			return new RestClientGatewayHttp(restClient.calls(), restClient.streams(), settings.maxAnswerBytes());
		}
		return new GatewayHttpClient(settings.connectTimeout(), settings.sslContext(), settings.maxAnswerBytes());
	}

	public EtcdTransport transport() {
		return this.transport;
	}

	/**
	 * Return how long one call may take, failover included.
	 * @return the request timeout
	 */
	public Duration requestTimeout() {
		return this.requestTimeout;
	}

	/**
	 * Return the largest answer, and the largest watch message, the client accepts.
	 * @return the limit in bytes
	 */
	public long maxAnswerBytes() {
		return this.maxAnswerBytes;
	}

	/**
	 * Return the endpoints now in use: those given, or those member discovery found.
	 * @return the endpoint URLs
	 */
	public List<String> endpoints() {
		return this.members.all();
	}

	/**
	 * Use {@code endpoints} from now on (member discovery). Requests under way finish on
	 * the member they chose, and so does a watch stream; idle connections to members no
	 * longer listed are closed.
	 * @param endpoints the members' client URLs, at least one
	 * @return whether the endpoints changed
	 */
	public boolean replaceEndpoints(List<String> endpoints) {
		List<String> before = this.members.replace(endpoints);
		if (before == null) {
			return false;
		}
		this.attemptTimeout = attemptTimeout(this.requestTimeout, endpoints.size());
		this.readRetry = retryTemplate(RequestKind.READ, endpoints.size());
		this.writeRetry = retryTemplate(RequestKind.WRITE, endpoints.size());
		before.stream().filter((endpoint) -> !endpoints.contains(endpoint)).forEach(this.http::closeIdleConnections);
		return true;
	}

	/**
	 * Send one request and read its answer.
	 * @param <T> the answer type
	 * @param path the path under {@code /v3/}, for example {@code kv/range}
	 * @param request the request message
	 * @param answerType the answer message type
	 * @param kind whether the request may be repeated after an unknown outcome
	 * @return the answer
	 * @throws EtcdException on any failure
	 */
	public <T> T call(String path, GatewayRequest request, Class<T> answerType, RequestKind kind) {
		// the retry policy's timeout only stops starting attempts: each attempt must
		// also end by then
		long deadline = System.nanoTime() + this.requestTimeout.toNanos();
		return this.observation.observe(path, () -> callWithRetry(path, request, answerType, kind, true, deadline));
	}

	/**
	 * Send one request without the client's auth token, with failover: for requests that
	 * etcd serves without a user while its authentication is off ({@code auth/enable}),
	 * which a client with credentials could not send otherwise, since logging in fails
	 * then.
	 * @param <T> the answer type
	 * @param path the path under {@code /v3/}
	 * @param request the request message
	 * @param answerType the answer message type
	 * @param kind whether the request may be repeated after an unknown outcome
	 * @return the answer
	 * @throws EtcdException on any failure
	 */
	public <T> T callWithoutToken(String path, GatewayRequest request, Class<T> answerType, RequestKind kind) {
		long deadline = System.nanoTime() + this.requestTimeout.toNanos();
		return this.observation.observe(path, () -> callWithRetry(path, request, answerType, kind, false, deadline));
	}

	/**
	 * Call with failover, every attempt (and authenticating, when a token is needed)
	 * ending before {@code deadline}.
	 */
	private <T> T callWithRetry(String path, GatewayRequest request, Class<T> answerType, RequestKind kind,
			boolean authenticated, long deadline) {
		byte[] body = GatewayJson.write(request);
		RetryTemplate retry = (kind != RequestKind.WRITE) ? this.readRetry : this.writeRetry;
		try {
			return retry.execute(() -> callOnce(path, body, answerType, kind, authenticated, deadline));
		}
		catch (RetryException ex) {
			throw unwrap(ex);
		}
	}

	/**
	 * Call {@code path} on one given member, without failover (status of a member,
	 * probes).
	 * @param <T> the answer type
	 * @param endpoint the member's endpoint
	 * @param path the path under {@code /v3/}
	 * @param request the request message
	 * @param answerType the answer message type
	 * @return the answer
	 */
	public <T> T callEndpoint(String endpoint, String path, GatewayRequest request, Class<T> answerType) {
		return callEndpoint(endpoint, path, request, answerType, RequestKind.READ, this.attemptTimeout);
	}

	/**
	 * Call {@code path} on one given member, without failover, within a timeout of its
	 * own: defragmenting a member takes far longer than an ordinary request.
	 * @param <T> the answer type
	 * @param endpoint the member's endpoint
	 * @param path the path under {@code /v3/}
	 * @param request the request message
	 * @param answerType the answer message type
	 * @param kind whether a timeout leaves the outcome unknown
	 * @param timeout how long the call may take, authentication included
	 * @return the answer
	 */
	public <T> T callEndpoint(String endpoint, String path, GatewayRequest request, Class<T> answerType,
			RequestKind kind, Duration timeout) {
		byte[] body = GatewayJson.write(request);
		return this.observation.observe(path, () -> exchangeAuthenticated(endpoint, path, body, answerType, kind,
				System.nanoTime() + timeout.toNanos(), timeout));
	}

	private <T> T callOnce(String path, byte[] body, Class<T> answerType, RequestKind kind, boolean authenticated,
			long deadline) {
		String endpoint = (this.spreadSerializableReads && kind == RequestKind.SERIALIZABLE_READ)
				? this.members.nextForRead() : this.members.preferred();
		try {
			T answer = authenticated
					? exchangeAuthenticated(endpoint, path, body, answerType, kind, deadline, this.attemptTimeout)
					: exchange(endpoint, path, body, answerType, kind, null, deadline, this.attemptTimeout);
			this.members.succeeded(endpoint);
			return answer;
		}
		catch (EtcdException ex) {
			boolean memberFailed = isRetryable(ex, RequestKind.READ) || ex instanceof EtcdOutcomeUnknownException;
			// a cancelled call's failure says nothing about the member
			if (memberFailed && !ExchangeCancellation.currentIsCancelled()) {
				// move on to the next member, unless another thread already did: a write
				// with an unknown outcome is not sent again, but the calls that follow
				// must not wait on a member that did not answer it either
				this.members.failed(endpoint);
			}
			throw ex;
		}
	}

	/**
	 * Exchange with the client's auth token, when it has credentials. A rejected token
	 * (expired, or from an older auth revision) is replaced once and the request sent
	 * again: etcd checks the token before doing anything, so the first attempt surely had
	 * no effect.
	 */
	private <T> T exchangeAuthenticated(String endpoint, String path, byte[] body, Class<T> answerType,
			RequestKind kind, long deadline, Duration attemptTimeout) {
		if (this.tokens == null) {
			try {
				return exchange(endpoint, path, body, answerType, kind, null, deadline, attemptTimeout);
			}
			catch (EtcdAuthenticationException ex) {
				throw this.missingCredentials.explain(ex);
			}
		}
		String token = this.tokens.token(deadline);
		try {
			return exchange(endpoint, path, body, answerType, kind, token, deadline, attemptTimeout);
		}
		catch (EtcdAuthenticationException ex) {
			if (!AuthTokens.isTokenProblem(ex.getError())) {
				throw ex;
			}
			return exchange(endpoint, path, body, answerType, kind, this.tokens.refresh(token, deadline), deadline,
					attemptTimeout);
		}
	}

	/**
	 * One exchange with a member: it gets the attempt timeout, but never more than what
	 * is left of the call's {@code deadline}.
	 */
	private <T> T exchange(String endpoint, String path, byte[] body, Class<T> answerType, RequestKind kind,
			@Nullable String token, long deadline, Duration attemptTimeout) {
		Duration timeout = timeLeft(deadline, attemptTimeout, endpoint, path);
		GatewayHttp.Answer answer;
		try {
			answer = this.http.post(endpoint, path, body, token, timeout);
		}
		catch (IOException ex) {
			if (!ExchangeCancellation.currentIsCancelled()) {
				this.http.closeIdleConnections(endpoint);
			}
			throw GatewayErrors.fromIoFailure(ex, endpoint, path, kind);
		}
		if (!answer.isSuccess()) {
			throw GatewayErrors.fromAnswer(answer.status(), answer.body(), endpoint, path, kind, body.length);
		}
		try {
			return GatewayJson.read(answer.body(), answerType);
		}
		catch (GatewayJsonException ex) {
			throw GatewayErrors.fromUnreadableAnswer(ex, endpoint, path);
		}
	}

	/**
	 * Open a long-lived stream (a watch) on the preferred member, failing over to the
	 * next one when a member cannot be reached.
	 * @param path the path under {@code /v3/}
	 * @param body the complete request body (several messages may be separated by
	 * newlines)
	 * @return the open stream; close it to end the request
	 */
	public GatewayStream openStream(String path, byte[] body) {
		long deadline = System.nanoTime() + this.requestTimeout.toNanos();
		try {
			return this.readRetry.execute(() -> openStreamOnce(path, body, deadline));
		}
		catch (RetryException ex) {
			throw unwrap(ex);
		}
	}

	private GatewayStream openStreamOnce(String path, byte[] body, long deadline) {
		String endpoint = this.members.preferred();
		try {
			return openStreamOn(endpoint, path, body, deadline);
		}
		catch (EtcdException ex) {
			// a refused connection too: the next attempt must go to another member
			if (isRetryable(ex, RequestKind.READ)) {
				this.members.failed(endpoint);
			}
			throw ex;
		}
	}

	private GatewayStream openStreamOn(String endpoint, String path, byte[] body, long deadline) {
		try {
			String token = (this.tokens != null) ? this.tokens.token(deadline) : null;
			GatewayHttp.StreamAnswer answer = this.http.openStream(endpoint, path, body, token,
					timeLeft(deadline, this.requestTimeout, endpoint, path));
			if (answer.body() == null) {
				EtcdException failure = GatewayErrors.fromAnswer(answer.status(), answer.error(), endpoint, path,
						RequestKind.READ, body.length);
				throw (token != null) ? failure : this.missingCredentials.explain(failure);
			}
			return new GatewayStream(endpoint, answer.body());
		}
		catch (IOException ex) {
			throw GatewayErrors.fromIoFailure(ex, endpoint, path, RequestKind.READ);
		}
	}

	/**
	 * Ask one member whether it can serve: it answers a status request within
	 * {@code timeout} and has a leader.
	 * @param endpoint the member
	 * @param timeout how long to wait
	 * @return whether the member is healthy
	 */
	public boolean probe(String endpoint, Duration timeout) {
		try {
			// no token: an auth problem must not pass for a dead member
			return !GatewayHttp
				.isServerError(this.http.post(endpoint, "maintenance/status", PROBE_BODY, null, timeout).status());
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * etcd refused a watch stream's authentication. With credentials, the token is
	 * forgotten, so that the next request or stream authenticates again; without, the
	 * refusal is explained like that of any request (and the client warns once).
	 * @param failure etcd's refusal
	 * @return the failure to report
	 */
	public EtcdException authenticationRefused(EtcdAuthenticationException failure) {
		if (this.tokens != null) {
			this.tokens.invalidate();
			return failure;
		}
		return this.missingCredentials.explain(failure);
	}

	/**
	 * Stop preferring {@code endpoint}, for example after its watch stream went silent.
	 * @param endpoint the member to move away from
	 */
	public void avoid(String endpoint) {
		this.http.closeIdleConnections(endpoint);
		this.members.moveOnFrom(endpoint);
	}

	/**
	 * The time an attempt may take: {@code attemptTimeout}, or less when the call's
	 * deadline comes first.
	 * @throws EtcdTimeoutException when nothing is left: the request is not sent, and not
	 * tried again
	 */
	private Duration timeLeft(long deadline, Duration attemptTimeout, String endpoint, String path) {
		long left = deadline - System.nanoTime();
		if (left <= 0) {
			throw new NoTimeLeftException("etcd at %s: no time left for %s within the request timeout of %d ms"
				.formatted(endpoint, path, this.requestTimeout.toMillis()), endpoint);
		}
		return (left < attemptTimeout.toNanos()) ? Duration.ofNanos(left) : attemptTimeout;
	}

	private static EtcdException unwrap(RetryException ex) {
		Throwable last = ex.getLastException();
		if (last instanceof Error error) {
			// an OutOfMemoryError (or worse) is not an etcd failure: never hide it
			throw error;
		}
		if (last instanceof EtcdException etcd) {
			ex.getExceptions().stream().filter((other) -> other != last).forEach(etcd::addSuppressed);
			return etcd;
		}
		if (last instanceof InterruptedException || ex.getCause() == null) {
			Thread.currentThread().interrupt();
			return new EtcdException("Interrupted while waiting to retry an etcd request", null, ex);
		}
		return new EtcdException("etcd request failed: " + last, null, last);
	}

	@Override
	public void close() {
		this.http.close();
	}

	/**
	 * The call's deadline passed before an attempt: nothing was sent, nothing to retry.
	 */
	private static final class NoTimeLeftException extends EtcdTimeoutException {

		NoTimeLeftException(String message, String endpoint) {
			super(message, endpoint, null);
		}

	}

	/**
	 * An open response stream from one member.
	 *
	 * @param endpoint the member serving the stream
	 * @param body the response body, read as it arrives; closing it ends the request
	 */
	public record GatewayStream(String endpoint, InputStream body) implements AutoCloseable {

		@Override
		public void close() {
			try {
				this.body.close();
			}
			catch (IOException ex) {
				// closing a broken stream may fail again; nothing is lost
			}
		}

	}

}
