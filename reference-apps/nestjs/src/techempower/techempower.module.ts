import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Fortune } from './fortune.entity';
import { TechEmpowerController } from './techempower.controller';
import { TechEmpowerService } from './techempower.service';
import { World } from './world.entity';

@Module({
  imports: [TypeOrmModule.forFeature([World, Fortune])],
  controllers: [TechEmpowerController],
  providers: [TechEmpowerService],
})
export class TechEmpowerModule {}
