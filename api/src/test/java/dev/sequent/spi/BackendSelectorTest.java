package dev.sequent.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.sequent.BackendNotFoundException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackendSelectorTest {

    private static final Set<Capability> TRAIN = EnumSet.of(Capability.TRAINING, Capability.INFERENCE);
    private static final Set<Capability> INFER = EnumSet.of(Capability.INFERENCE);

    private final BackendProvider nativeBackend = provider("native", 100, TRAIN, Availability.yes());
    private final BackendProvider tensorflow = provider("tensorflow", 50, TRAIN, Availability.yes());
    private final BackendProvider onnx = provider("onnx", 20, INFER, Availability.yes());

    private static BackendProvider provider(String id, int priority, Set<Capability> capabilities,
            Availability availability) {
        BackendProvider provider = mock(BackendProvider.class);
        when(provider.id()).thenReturn(id);
        when(provider.priority()).thenReturn(priority);
        when(provider.capabilities()).thenReturn(capabilities);
        when(provider.availability()).thenReturn(availability);
        return provider;
    }

    private static BackendSelector selector(List<BackendProvider> providers, Map<String, String> properties,
            Map<String, String> environment) {
        return new BackendSelector(() -> providers, properties::get, environment::get);
    }

    private static BackendSelector selector(BackendProvider... providers) {
        return selector(List.of(providers), Map.of(), Map.of());
    }

    @Test
    void highestPriorityWins() {
        assertSame(nativeBackend, selector(onnx, tensorflow, nativeBackend).select(Optional.empty(), TRAIN));
    }

    @Test
    void priorityTieGoesToSmallerId() {
        BackendProvider alpha = provider("alpha", 10, TRAIN, Availability.yes());
        BackendProvider beta = provider("beta", 10, TRAIN, Availability.yes());
        assertSame(alpha, selector(beta, alpha).select(Optional.empty(), TRAIN));
        assertSame(alpha, selector(alpha, beta).select(Optional.empty(), TRAIN));
    }

    @Test
    void explicitIdBeatsPropertyAndEnvironment() {
        BackendSelector selector = selector(List.of(nativeBackend, tensorflow, onnx),
                Map.of(BackendSelector.PROPERTY, "tensorflow"), Map.of(BackendSelector.ENVIRONMENT_VARIABLE, "native"));
        assertSame(onnx, selector.select(Optional.of("onnx"), INFER));
    }

    @Test
    void propertyBeatsEnvironment() {
        BackendSelector selector = selector(List.of(nativeBackend, tensorflow, onnx),
                Map.of(BackendSelector.PROPERTY, "tensorflow"), Map.of(BackendSelector.ENVIRONMENT_VARIABLE, "onnx"));
        assertSame(tensorflow, selector.select(Optional.empty(), TRAIN));
    }

    @Test
    void environmentBeatsPriority() {
        BackendSelector selector = selector(List.of(nativeBackend, tensorflow, onnx),
                Map.of(), Map.of(BackendSelector.ENVIRONMENT_VARIABLE, "tensorflow"));
        assertSame(tensorflow, selector.select(Optional.empty(), TRAIN));
    }

    @Test
    void blankPropertyIsIgnored() {
        BackendSelector selector = selector(List.of(nativeBackend, tensorflow),
                Map.of(BackendSelector.PROPERTY, "  "), Map.of(BackendSelector.ENVIRONMENT_VARIABLE, " tensorflow "));
        assertSame(tensorflow, selector.select(Optional.empty(), TRAIN));
    }

    @Test
    void capabilitiesFilterCandidates() {
        BackendProvider fastInference = provider("fast", 500, INFER, Availability.yes());
        BackendSelector selector = selector(fastInference, tensorflow);

        assertSame(tensorflow, selector.select(Optional.empty(), TRAIN));
        assertSame(fastInference, selector.select(Optional.empty(), INFER));
    }

    @Test
    void namedBackendSkipsCapabilityFilter() {
        assertSame(onnx, selector(nativeBackend, onnx).select(Optional.of("onnx"), TRAIN));
    }

    @Test
    void unavailableProviderIsSkipped() {
        BackendProvider broken = provider("native", 100, TRAIN, Availability.no("no CPU support"));
        BackendSelector selector = selector(broken, tensorflow);

        assertSame(tensorflow, selector.select(Optional.empty(), TRAIN));
        verify(broken, never()).compile(any(), any(), any());
    }

    @Test
    void lowerPrioritiesNotAskedOnceOneIsAvailable() {
        // Asking for availability may load a native library, so providers are asked in priority
        // order and the search stops at the first that can run.
        selector(nativeBackend, tensorflow, onnx).select(Optional.empty(), TRAIN);
        verify(nativeBackend, times(1)).availability();
        verify(tensorflow, never()).availability();
        verify(onnx, never()).availability();
    }

    @Test
    void namedIdWithOtherCaseSuggestsExactId() {
        BackendNotFoundException error = assertThrows(BackendNotFoundException.class,
                () -> selector(nativeBackend, tensorflow).select(Optional.of("Native"), TRAIN));

        assertTrue(error.getMessage().contains("'Native'"), error.getMessage());
        assertTrue(error.getMessage().contains("case-sensitive: use 'native'"), error.getMessage());
    }

    @Test
    void namedUnavailableProviderFailsWithReason() {
        BackendProvider broken = provider("tensorflow", 50, TRAIN, Availability.no("libtensorflow failed to load"));
        BackendSelector selector = selector(List.of(nativeBackend, broken),
                Map.of(BackendSelector.PROPERTY, "tensorflow"), Map.of());

        BackendNotFoundException error = assertThrows(BackendNotFoundException.class,
                () -> selector.select(Optional.empty(), TRAIN));
        assertTrue(error.getMessage().contains("'tensorflow'"), error.getMessage());
        assertTrue(error.getMessage().contains("system property sequent.backend"), error.getMessage());
        assertTrue(error.getMessage().contains("libtensorflow failed to load"), error.getMessage());
        assertTrue(error.getMessage().contains("'native'"), error.getMessage());
    }

    @Test
    void noProviderListsCoordinates() {
        BackendNotFoundException error = assertThrows(BackendNotFoundException.class,
                () -> selector().select(Optional.empty(), TRAIN));
        assertTrue(error.getMessage().contains("No Sequent backend is on the class path"), error.getMessage());
        assertTrue(error.getMessage().contains("dev.sequent:sequent-backend-native"), error.getMessage());
    }

    @Test
    void noAvailableProviderListsReasons() {
        BackendProvider broken = provider("tensorflow", 50, TRAIN, Availability.no("missing glibc"));
        BackendNotFoundException error = assertThrows(BackendNotFoundException.class,
                () -> selector(broken).select(Optional.empty(), TRAIN));
        assertTrue(error.getMessage().contains("missing glibc"), error.getMessage());
        assertTrue(error.getMessage().contains("dev.sequent:sequent-backend-native"), error.getMessage());
    }

    @Test
    void noCapableProviderListsFound() {
        BackendNotFoundException error = assertThrows(BackendNotFoundException.class,
                () -> selector(onnx).select(Optional.empty(), TRAIN));
        assertTrue(error.getMessage().contains("'onnx' [INFERENCE]"), error.getMessage());
        assertTrue(error.getMessage().contains("dev.sequent:sequent-backend-native"), error.getMessage());
    }

    @Test
    void unknownIdListsWhatWasFound() {
        BackendNotFoundException error = assertThrows(BackendNotFoundException.class,
                () -> selector(nativeBackend, onnx).select(Optional.of("cuda"), TRAIN));
        assertTrue(error.getMessage().contains("'cuda' (from compile options) is not on the class path"),
                error.getMessage());
        assertTrue(error.getMessage().contains("'native' [INFERENCE, TRAINING]"), error.getMessage());
        assertTrue(error.getMessage().contains("'onnx' [INFERENCE]"), error.getMessage());
        assertTrue(error.getMessage().contains("dev.sequent:sequent-backend-native"), error.getMessage());
    }

    @Test
    void missingKnownIdNamesCoordinates() {
        BackendNotFoundException error = assertThrows(BackendNotFoundException.class,
                () -> selector(nativeBackend).select(Optional.of("onnx"), INFER));
        assertTrue(error.getMessage().contains("Add the dependency dev.sequent:sequent-backend-onnx"),
                error.getMessage());
    }

    @Test
    void idsWithListsAvailableProvidersSorted() {
        BackendProvider broken = provider("broken", 1, TRAIN, Availability.no("test"));
        BackendSelector selector = selector(onnx, tensorflow, broken, nativeBackend);
        assertEquals(List.of("native", "tensorflow"), selector.idsWith(Capability.TRAINING));
        assertEquals(List.of("native", "onnx", "tensorflow"), selector.idsWith(Capability.INFERENCE));
    }
}
