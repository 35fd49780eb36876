package dev.etcdspring.client.kv;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KeysTests {

	@Test
	void prefixEndShouldIncrementTheLastByte() {
		assertThat(Keys.prefixEnd(new byte[] { 'a', 'b' })).containsExactly('a', 'c');
	}

	@Test
	void prefixEndShouldDropTrailing0xFF() {
		assertThat(Keys.prefixEnd(new byte[] { 'a', (byte) 0xFF, (byte) 0xFF })).containsExactly('b');
		assertThat(Keys.prefixEnd(new byte[] { 'a', (byte) 0xFE, (byte) 0xFF })).containsExactly('a', (byte) 0xFF);
	}

	@Test
	void prefixEndOfOnly0xFFShouldMeanEveryKeyFromThere() {
		assertThat(Keys.prefixEnd(new byte[] { (byte) 0xFF })).containsExactly(0);
	}

	@Test
	void successorShouldAppendZero() {
		assertThat(Keys.successor(new byte[] { 'a' })).containsExactly('a', 0);
	}

	@Test
	void emptyKeyShouldBeRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Keys.require(""));
		assertThatIllegalArgumentException().isThrownBy(() -> Keys.require(new byte[0]));
	}

}
