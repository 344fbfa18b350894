package network.mmc.gpu.training;

import java.util.List;

/** A dataset split once and for all into the samples trained on and the held-out samples accuracy is measured on. */
public record LabelledDataset(String name, List<String> classes, Samples training, Samples heldOut) {

    public LabelledDataset {
        classes = List.copyOf(classes);
        if (training.inputs() != heldOut.inputs() || training.classes() != classes.size()
                || heldOut.classes() != classes.size()) {
            throw new IllegalArgumentException("training and held-out samples of " + name + " differ in shape");
        }
    }
}
