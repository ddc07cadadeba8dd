#include "ui/charts/ExtremaIndex.h"

#include <cmath>

namespace tb::ui {

namespace {

constexpr std::size_t kNone = Extremes::kNone;

// Strict comparisons keep the first of equal values, whichever way a range is walked.
void addPoint(Extremes& e, const double* y, std::size_t i) {
    if (!std::isfinite(y[i]))
        return;
    if (e.min == kNone || y[i] < y[e.min])
        e.min = i;
    if (e.max == kNone || y[i] > y[e.max])
        e.max = i;
}

void addBlock(Extremes& e, const Extremes& block, const double* y) {
    if (block.min == kNone)
        return;
    if (e.min == kNone || y[block.min] < y[e.min])
        e.min = block.min;
    if (e.max == kNone || y[block.max] > y[e.max])
        e.max = block.max;
}

} // namespace

std::size_t ExtremaIndex::blockSize(std::size_t level) {
    std::size_t size = kBranching;
    for (std::size_t k = 0; k < level; ++k)
        size *= kBranching;
    return size;
}

void ExtremaIndex::clear() {
    m_indexed = 0;
    m_levels.clear();
}

void ExtremaIndex::update(const double* y, std::size_t n) {
    if (n < m_indexed)
        clear();
    m_indexed = n;
    for (std::size_t level = 0;; ++level) {
        const std::size_t size = blockSize(level);
        const std::size_t fullBlocks = n / size;
        if (fullBlocks == 0) {
            m_levels.resize(level);
            return;
        }
        if (m_levels.size() <= level)
            m_levels.emplace_back();
        std::vector<Extremes>& blocks = m_levels[level];
        if (!blocks.empty())
            blocks.pop_back(); // it may hold the replaced last value
        for (std::size_t b = blocks.size(); b < fullBlocks; ++b) {
            Extremes e;
            for (std::size_t c = b * kBranching; c < (b + 1) * kBranching; ++c) {
                if (level == 0)
                    addPoint(e, y, c);
                else
                    addBlock(e, m_levels[level - 1][c], y);
            }
            blocks.push_back(e);
        }
    }
}

Extremes ExtremaIndex::find(const ExtremaIndex* index, const double* y, std::size_t from,
                            std::size_t to) {
    Extremes e;
    const std::size_t levels = index ? index->m_levels.size() : 0;
    std::size_t i = from;
    while (i < to) {
        bool tookBlock = false;
        for (std::size_t level = levels; level-- > 0;) {
            const std::size_t size = blockSize(level);
            const std::size_t block = i / size;
            if (i % size == 0 && to - i >= size && block < index->m_levels[level].size()) {
                addBlock(e, index->m_levels[level][block], y);
                i += size;
                tookBlock = true;
                break;
            }
        }
        if (!tookBlock) {
            addPoint(e, y, i);
            ++i;
        }
    }
    return e;
}

} // namespace tb::ui
