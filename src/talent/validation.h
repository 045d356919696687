#pragma once
// Field rules for frameworks, role profiles and assessments, independent of what is stored
// (the same contract as org/validation.h): each returns every problem found, empty when the
// record is acceptable, with `field` set to the JSON field name ("requirements[2].level").
// Rules that need the store (the competency is visible to the trust, the person exists, the
// date is not in the future) belong to TalentService.

#include <vector>

#include "core/error.h"
#include "talent/model.h"
#include "talent/review.h"

namespace trellis::talent {

std::vector<Problem> Check(const Framework& framework);
std::vector<Problem> Check(const Area& area);
std::vector<Problem> Check(const Competency& competency);
std::vector<Problem> Check(const RoleProfile& profile);
std::vector<Problem> Check(const Assessment& assessment);
std::vector<Problem> Check(const ReviewCycle& cycle);
std::vector<Problem> Check(const Rating& rating);
std::vector<Problem> Check(const CalibrationMeeting& meeting);
std::vector<Problem> Check(const RatingAdjustment& adjustment);

// True for a level a competency can be assessed or required at (1..4).
bool IsLevel(int level);

}  // namespace trellis::talent
