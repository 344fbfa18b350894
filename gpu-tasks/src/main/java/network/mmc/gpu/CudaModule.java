package network.mmc.gpu;

import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_CLOCK_RATE;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jcuda.CudaException;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * Committed PTX loaded with cuModuleLoadData on a context of its own (the driver JIT-compiles it, so only libcuda is
 * needed at run time, no toolkit), with the kernels it was opened for. Its users serialise their calls and make
 * {@link #context()} current on the calling thread.
 */
public final class CudaModule implements AutoCloseable {

    private final GpuDevice device;
    private final CUcontext context;
    private final CUmodule module;
    private final List<CUfunction> kernels;

    private CudaModule(GpuDevice device, CUcontext context, CUmodule module, List<CUfunction> kernels) {
        this.device = device;
        this.context = context;
        this.module = module;
        this.kernels = kernels;
    }

    /**
     * Opens device {@code ordinal} and loads {@code ptxResource} (next to this class) with {@code kernelNames};
     * throws {@link GpuUnavailableException} saying why when it cannot.
     *
     * @param what the kernels in words, for the message when they do not load
     */
    public static CudaModule open(int ordinal, String ptxResource, String what, String... kernelNames) {
        try {
            JCudaDriver.setExceptionsEnabled(true);
            JCudaDriver.cuInit(0);
            int[] count = new int[1];
            JCudaDriver.cuDeviceGetCount(count);
            if (ordinal < 0 || ordinal >= count[0]) {
                throw new GpuUnavailableException("CUDA device " + ordinal + " does not exist (the driver sees "
                        + count[0] + ")");
            }
            CUdevice handle = new CUdevice();
            JCudaDriver.cuDeviceGet(handle, ordinal);
            GpuDevice device = describe(ordinal, handle);
            CUcontext context = new CUcontext();
            JCudaDriver.cuCtxCreate(context, 0, handle);
            try {
                CUmodule module = new CUmodule();
                JCudaDriver.cuModuleLoadData(module, ptx(ptxResource));
                CUfunction[] kernels = new CUfunction[kernelNames.length];
                for (int i = 0; i < kernels.length; i++) {
                    kernels[i] = new CUfunction();
                    JCudaDriver.cuModuleGetFunction(kernels[i], module, kernelNames[i]);
                }
                return new CudaModule(device, context, module, List.of(kernels));
            } catch (CudaException e) {
                JCudaDriver.cuCtxDestroy(context);
                throw new GpuUnavailableException(what + " do not load on " + device + ": " + e.getMessage()
                        + " (the driver may be older than the PTX ISA version)", e);
            }
        } catch (LinkageError e) {
            // JCuda's natives link against libcuda.so.1, which only an NVIDIA driver installs; after a
            // first failure the class stays unusable (NoClassDefFoundError), hence LinkageError
            throw new GpuUnavailableException("no CUDA driver (libcuda.so.1 not loadable): "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        } catch (CudaException e) {
            throw new GpuUnavailableException("CUDA is not usable: " + e.getMessage(), e);
        }
    }

    private static GpuDevice describe(int ordinal, CUdevice handle) {
        byte[] name = new byte[256];
        JCudaDriver.cuDeviceGetName(name, name.length, handle);
        int length = 0;
        while (length < name.length && name[length] != 0) {
            length++;
        }
        long[] memory = new long[1];
        JCudaDriver.cuDeviceTotalMem(memory, handle);
        return new GpuDevice(ordinal, new String(name, 0, length, StandardCharsets.US_ASCII),
                attribute(handle, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                attribute(handle, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR),
                attribute(handle, CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT),
                attribute(handle, CU_DEVICE_ATTRIBUTE_CLOCK_RATE), memory[0]);
    }

    private static int attribute(CUdevice handle, int attribute) {
        int[] value = new int[1];
        JCudaDriver.cuDeviceGetAttribute(value, attribute, handle);
        return value[0];
    }

    /** The PTX text of {@code resource}, NUL-terminated as cuModuleLoadData expects. */
    public static byte[] ptx(String resource) {
        try (InputStream in = CudaModule.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the gpu-tasks jar");
            }
            byte[] text = in.readAllBytes();
            byte[] terminated = new byte[text.length + 1];
            System.arraycopy(text, 0, terminated, 0, text.length);
            return terminated;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public GpuDevice device() {
        return device;
    }

    public CUcontext context() {
        return context;
    }

    /** The kernel named {@code index}-th when opened. */
    public CUfunction kernel(int index) {
        return kernels.get(index);
    }

    @Override
    public void close() {
        try {
            JCudaDriver.cuCtxSetCurrent(context);
            JCudaDriver.cuModuleUnload(module);
        } finally {
            JCudaDriver.cuCtxDestroy(context);
        }
    }
}
